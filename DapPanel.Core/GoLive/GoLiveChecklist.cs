using DapPanel.Core.Backups;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.GoLive;

public enum GoLiveState { Done, Missing, Attention }

/// <param name="Fix">What to do about it, when it is not done.</param>
/// <param name="FixLink">The page where it is done, when it is done in the app.</param>
public sealed record GoLiveItem(string Key, string Title, GoLiveState State, string Detail, string? Fix = null, string? FixLink = null);

/// <summary>How the app is set up, as the web host knows it: the checklist cannot see configuration by itself.</summary>
public sealed record DeploymentFacts(bool ServedOverHttps, bool IsDevelopment, string? SmtpHost, string PickupFolder, bool RequireTwoFactor,
    int RetentionMonths, bool RetentionConfigured, bool PostgreSql);

/// <summary>What a deployment needs before a real panel's cases go into it, each with what is set and how to fix what is missing.</summary>
public interface IGoLiveChecklist
{
    Task<IReadOnlyList<GoLiveItem>> CheckAsync(Actor actor, DeploymentFacts facts, CancellationToken cancellationToken = default);
}

public sealed class GoLiveChecklist(IDbContextFactory<DapPanelDbContext> dbFactory, DatabaseBackup backups, DemoSignIns demo,
    TimeProvider clock) : IGoLiveChecklist
{
    public async Task<IReadOnlyList<GoLiveItem>> CheckAsync(Actor actor, DeploymentFacts facts, CancellationToken cancellationToken = default)
    {
        actor.Require("see the go-live checklist", Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = await db.Panels.AsNoTracking().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name)
            .Select(p => new
            {
                p.Id, p.Name, Chairs = p.Chairs.Count,
                Agreement = db.InformationSharingAgreements.Where(a => a.PanelId == p.Id).Max(a => (int?)a.Number),
            })
            .ToListAsync(cancellationToken);
        var items = new List<GoLiveItem>
        {
            facts.ServedOverHttps && !facts.IsDevelopment
                ? new("https", "HTTPS", GoLiveState.Done, "This page reached you over HTTPS, and plain http is sent to HTTPS.")
                : new("https", "HTTPS", GoLiveState.Missing,
                    facts.IsDevelopment ? "DapPanel runs in Development: no HTTPS redirect, HSTS or Secure cookies." : "This page reached you over plain http.",
                    "Run with ASPNETCORE_ENVIRONMENT=Production behind a TLS-ending reverse proxy on the same machine, or name the proxy in "
                    + "ForwardedHeaders:KnownProxies (docs/operations.md)."),
            facts.SmtpHost is { Length: > 0 } host
                ? new("email", "Email", GoLiveState.Done, $"Circulation emails go out through the SMTP server {host}.")
                : new("email", "Email", GoLiveState.Attention,
                    $"No SMTP server is set: every email is written to {facts.PickupFolder} and sent by nothing unless a mail relay collects it.",
                    "Set Email:Smtp:Host (and Port, UserName, Password), or have your mail relay collect the pickup folder."),
            facts.RequireTwoFactor
                ? new("two-factor", "Two-factor sign-in", GoLiveState.Done, "Everyone signs in with an authenticator app as well as a password.")
                : new("two-factor", "Two-factor sign-in", GoLiveState.Missing, "Security:RequireTwoFactor is off: a password alone opens case information.",
                    "Remove Security:RequireTwoFactor=false (it is on by default outside Development)."),
            facts.RetentionConfigured
                ? new("retention", "Retention period", GoLiveState.Done,
                    $"Closed cases are kept {facts.RetentionMonths} months, then listed for an administrator to erase.", null, "/retention")
                : new("retention", "Retention period", GoLiveState.Attention,
                    $"Retention:ClosedCaseMonths is not set: the default of {facts.RetentionMonths} months applies.",
                    "Agree the period with your data protection officer and set Retention:ClosedCaseMonths."),
        };

        if (panels.Count == 0)
            items.Add(new("panel", "A panel", GoLiveState.Missing, "There is no panel yet.", "Set one up.", "/setup"));
        var withoutAgreement = panels.Where(p => p.Agreement is null).ToList();
        items.Add(panels.Count > 0 && withoutAgreement.Count == 0
            ? new("agreement", "Information-sharing agreement", GoLiveState.Done,
                string.Join("; ", panels.Select(p => $"{p.Name}: version {p.Agreement}")))
            : new("agreement", "Information-sharing agreement", GoLiveState.Missing,
                withoutAgreement.Count > 0 ? $"No agreement published for {string.Join(", ", withoutAgreement.Select(p => p.Name))}: member agencies see no cases."
                    : "No panel, so no agreement.",
                "Publish one from the template in the guided setup, or at Information sharing.",
                withoutAgreement.Count > 0 ? $"/setup?panel={withoutAgreement[0].Id}" : "/setup"));

        var latest = await backups.LatestAsync(cancellationToken);
        var now = clock.GetUtcNow();
        items.Add(facts.PostgreSql
            ? new("backup", "A backup in the last day", GoLiveState.Attention,
                "The data is in PostgreSQL: DapPanel cannot see pg_dump runs.", "Check that pg_dump runs daily and that a restore has been tried (docs/operations.md).")
            : latest is { } last && now - last.TakenAt <= TimeSpan.FromDays(1)
                ? new("backup", "A backup in the last day", GoLiveState.Done,
                    $"Last backup {PanelTime.ToLocal(last.TakenAt):d MMM yyyy HH:mm}: {last.FileName} ({last.SizeBytes / 1024.0 / 1024.0:0.0} MB).")
                : new("backup", "A backup in the last day", GoLiveState.Missing,
                    latest is { } older ? $"The last backup was taken {PanelTime.ToLocal(older.TakenAt):d MMM yyyy HH:mm}, more than a day ago." : "No backup has been taken.",
                    "Run \"dotnet DapPanel.App.dll backup /backups/dappanel-$(date +%F).db\" every day (cron or a timer), and try a restore (docs/operations.md)."));

        var demoSignIns = await demo.PresentAsync(cancellationToken);
        items.Add(demoSignIns.Count == 0
            ? new("demo", "No demo sign-ins", GoLiveState.Done, "The database holds none of the demo panel's sign-ins.")
            : new("demo", "No demo sign-ins", GoLiveState.Missing,
                $"The database holds the demo's {demoSignIns.Count} sign-ins: this is a training site, not a live one.",
                "Go live on a new, empty database; keep this one for training only."));

        var fewChairs = panels.Where(p => p.Chairs < 2).ToList();
        items.Add(panels.Count > 0 && fewChairs.Count == 0
            ? new("chairs", "At least two chairs", GoLiveState.Done, string.Join("; ", panels.Select(p => $"{p.Name}: {p.Chairs} chairs")))
            : new("chairs", "At least two chairs", GoLiveState.Missing,
                fewChairs.Count > 0 ? string.Join("; ", fewChairs.Select(p => $"{p.Name} has {p.Chairs} {(p.Chairs == 1 ? "chair" : "chairs")}")) : "No panel, so no chairs.",
                "A DAPP is jointly chaired: add a second chair on the panel's page.",
                fewChairs.Count > 0 ? $"/admin/panels/{fewChairs[0].Id}" : "/setup"));
        return items;
    }
}
