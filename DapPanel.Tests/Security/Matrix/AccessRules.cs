using System.Text.RegularExpressions;
using static DapPanel.Tests.Security.Matrix.Persona;

namespace DapPanel.Tests.Security.Matrix;

/// <summary>
/// Who may use each page, endpoint and hub method. The matrix enumerates them from the app itself and fails for
/// any that is missing here, so a new one cannot go unchecked.
/// </summary>
public static partial class AccessRules
{
    static readonly Persona[] Everyone = Personas.All;
    static readonly Persona[] SignedIn = Personas.SignedIn;
    static readonly Persona[] PanelSeats = [Administrator, Chair, .. Personas.PanelAgencies];

    /// <summary>Page route templates, as written in their @page directives.</summary>
    public static readonly IReadOnlyDictionary<string, Persona[]> Pages = new Dictionary<string, Persona[]>
    {
        ["/"] = SignedIn,
        ["/account/login"] = Everyone,
        ["/account/access-denied"] = Everyone,
        // The second sign-in step: open, and sends anyone without a password step behind them back to sign in.
        ["/account/login-code"] = Everyone,
        ["/account/two-factor"] = SignedIn,
        // Where a sign-in through an agency's provider ends when it does not lead to a session.
        ["/account/not-a-member"] = Everyone,
        ["/account/sign-in-failed"] = Everyone,
        ["/account/password"] = SignedIn,
        ["/admin/people"] = [Administrator],
        ["/admin/agencies"] = [Administrator],
        ["/admin/panels"] = [Administrator],
        ["/admin/panels/{PanelId:guid}"] = [Administrator],
        ["/setup"] = [Administrator],
        // The one-time setup address: open, and says plainly when its token does not work (here: none given).
        ["/setup/first-administrator"] = Everyone,
        ["/import"] = [Administrator],
        ["/go-live"] = [Administrator],
        ["/audit"] = [Administrator, Manager],
        ["/retention"] = [Administrator],
        ["/information-sharing/settings"] = [Administrator],
        ["/not-found"] = Everyone,
        ["/error"] = Everyone,
        ["/attendance/settings"] = [Administrator],
        ["/cases"] = [Administrator, Chair],
        ["/cases/{CaseId:guid}"] = [Administrator, Chair],
        // The matrix's case is a new referral: those let in are told it has no intake until the panel accepts it.
        ["/cases/{CaseId:guid}/intake"] = [Administrator, Chair, CaseManager],
        ["/intake"] = [Administrator, Chair, CaseManager],
        ["/insight"] = [Manager, Chair, Administrator],
        ["/evaluation"] = [Manager, Chair, Administrator],
        ["/evaluation/area-profile"] = [Administrator],
        // Everyone signed in has a meetings list; an outsider's is empty (checked by the leak rule).
        ["/meetings"] = SignedIn,
        ["/meetings/new"] = [Administrator],
        ["/meetings/{MeetingId:guid}"] = [Administrator, Chair, Manager, .. Personas.PanelAgencies],
        ["/meetings/{MeetingId:guid}/agenda"] = [Administrator],
        ["/meetings/{MeetingId:guid}/case-list"] = PanelSeats,
        ["/meetings/{MeetingId:guid}/circulate"] = [Administrator, Chair],
        ["/meetings/{MeetingId:guid}/live"] = PanelSeats,
        ["/meetings/{MeetingId:guid}/minutes"] = [Chair],
        ["/meetings/{MeetingId:guid}/readiness"] = [Administrator, Chair],
        ["/meetings/{MeetingId:guid}/research"] = Personas.PanelAgencies,
        ["/meetings/{MeetingId:guid}/review-updates"] = [Administrator, Chair, CaseManager],
        ["/referrals/new"] = [Administrator],
        ["/review-updates/{AgendaItemId:guid}"] = [Administrator, Chair, CaseManager],
    };

    /// <summary>
    /// Who may use a meeting's page when the meeting is in another state than the circulated one the
    /// <see cref="Pages"/> rules are written for. Before circulation only chairs and administrators see its cases; the
    /// meeting page itself still opens for its agencies and managers, without them.
    /// </summary>
    public static Persona[] PageRule(string template, MeetingState state) => state switch
    {
        MeetingState.Draft when template != "/meetings/{MeetingId:guid}" =>
            Pages[template].Where(p => p is Administrator or Chair).ToArray(),
        _ => Pages[template],
    };

    /// <summary>HTTP endpoints other than pages and hubs, as "METHOD pattern" with the request the matrix makes.</summary>
    public static readonly IReadOnlyList<EndpointRule> Endpoints =
    [
        new("ANY /health", "/health", Everyone),
        new("ANY /health/live", "/health/live", Everyone),
        new("ANY /health/ready", "/health/ready", Everyone),
        new("POST /account/logout", "/account/logout", SignedIn, FreshSession: true, WithPageToken: true),
        new("POST /account/keep-alive", "/account/keep-alive", SignedIn),
        // The panel switcher's form: without a panel chosen it goes back to all of the person's panels.
        new("POST /panels/current", "/panels/current", SignedIn, WithPageToken: true),
        new("GET /import/templates/{name}", "/import/templates/caseload.csv", [Administrator]),
        // Starting and finishing a sign-in through an agency's provider.
        new("POST /account/external/{provider}", "/account/external/northshire", Everyone, WithPageToken: true),
        new("GET /account/external/callback", "/account/external/callback?returnUrl=%2F", Everyone),
        new("GET /audit.csv", "/audit.csv?from=2026-01-01&to=2026-12-31", [Administrator, Manager]),
        new("GET /insight/{table}.csv", "/insight/attendance.csv?panel={panel}&from=2026-01-01&to=2026-11-30",
            [Manager, Chair, Administrator]),
        new("GET /evaluation/tables/{table}.csv", "/evaluation/tables/cohort.csv?panel={panel}&from=2020-01-01&to=2029-12-31",
            [Manager, Chair, Administrator]),
        new("GET /evaluation/workbook.xlsx", "/evaluation/workbook.xlsx?panel={panel}&from=2020-01-01&to=2029-12-31",
            [Manager, Chair, Administrator]),
        new("GET /evaluation/report.pdf", "/evaluation/report.pdf?panel={panel}&from=2020-01-01&to=2029-12-31",
            [Manager, Chair, Administrator]),
        new("GET /meetings/{id:guid}/minutes.pdf", "/meetings/{closed}/minutes.pdf", [Chair, Administrator]),
        // Without an agency, chairs and administrators get every agency's list and everyone else their own.
        new("GET /meetings/{id:guid}/actions.pdf", "/meetings/{closed}/actions.pdf",
            [Chair, Administrator, Manager, .. Personas.PanelAgencies]),
        new("GET /meetings/{id:guid}/actions.pdf", "/meetings/{closed}/actions.pdf?agency={own}",
            [Chair, Administrator, Manager, .. Personas.PanelAgencies]),
        new("GET /meetings/{id:guid}/actions.pdf", "/meetings/{closed}/actions.pdf?agency={probation}",
            [Chair, Administrator, PanelMember, ProviderMember]),
        new("GET /meetings/{id:guid}/case-list.pdf", "/meetings/{upcoming}/case-list.pdf", PanelSeats),
    ];

    /// <summary>Hub methods of /hubs/meeting, each with who may call it on the matrix's live meeting.</summary>
    public static readonly IReadOnlyDictionary<string, Persona[]> HubMethods = new Dictionary<string, Persona[]>
    {
        ["JoinMeeting"] = PanelSeats,
        ["GetConfidentialityStatement"] = PanelSeats,
        ["AcknowledgeConfidentiality"] = PanelSeats,
        ["LeaveMeeting"] = SignedIn,
        ["GetView"] = PanelSeats,
        ["ChangesSince"] = PanelSeats,
        ["StartMeeting"] = [Chair],
        ["MoveToItem"] = [Chair],
        ["NextItem"] = [Chair],
        ["StartTimer"] = [Chair],
        ["PauseTimer"] = [Chair],
        ["DeferItem"] = [Chair],
        // Agencies speak for themselves (the matrix offers the caller's own agency); the chair for anyone.
        ["AddLever"] = [Chair, .. Personas.PanelAgencies],
        // The lever and action being changed are probation's.
        ["EditLever"] = [Chair, PanelMember, ProviderMember],
        ["WithdrawLever"] = [Chair, PanelMember, ProviderMember],
        ["AgreeAction"] = [Chair, .. Personas.PanelAgencies],
        ["ReassignAction"] = [Chair],
        ["RecordDecision"] = [Chair],
        ["CloseMeeting"] = [Chair],
    };

    /// <summary>
    /// How Core words a refusal (AccessDeniedException), as pages and the hub show it. Anything else a page or
    /// hub method says (a broken rule, a closed meeting) means the person got in.
    /// </summary>
    public static bool IsRefusal(string message)
    {
        var text = System.Net.WebUtility.HtmlDecode(message);
        return OnlyTheseCan().IsMatch(text) || RefusalPhrase().IsMatch(text);
    }

    [GeneratedRegex(@"(^|>)\s*Only (the )?[^.<]*can ")]
    private static partial Regex OnlyTheseCan();

    [GeneratedRegex(@"You can (only|answer only|download only)|You do not have access|Your session has ended|Apologies are sent by the agency's own members|This case list has not been circulated|does not exist or is not one of your panels|That (meeting|case|agenda item) does not exist|Read and acknowledge the panel's information-sharing agreement|data-testid=""agreement-gate""")]
    private static partial Regex RefusalPhrase();
}

/// <summary>One request to an endpoint; {panel}, {closed}, {upcoming}, {own} and {probation} are filled in.</summary>
/// <param name="WithPageToken">Sent as a page's form is, with its antiforgery token (without one it is refused).</param>
public sealed record EndpointRule(string Endpoint, string Request, Persona[] Allowed, bool FreshSession = false,
    bool WithPageToken = false)
{
    public override string ToString() => Request;
}
