using DapPanel.Core.Administration;
using DapPanel.Core.Domain;

namespace DapPanel.App.Features.Administration;

public enum PeopleOrder { Name, Agency, SignIn }

/// <summary>The people table's search and order: every word must match somewhere in the person's row.</summary>
public static class PeopleList
{
    public static IReadOnlyList<PersonAccountView> Filter(IEnumerable<PersonAccountView> people, string? search, PeopleOrder order)
    {
        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matching = people.Where(p => words.All(w => Text(p).Contains(w, StringComparison.OrdinalIgnoreCase)));
        return (order switch
        {
            PeopleOrder.Agency => matching.OrderBy(p => p.AgencyName).ThenBy(p => p.FullName),
            PeopleOrder.SignIn => matching.OrderBy(SignInRank).ThenBy(p => p.FullName),
            _ => matching.OrderBy(p => p.FullName),
        }).ToList();
    }

    static string Text(PersonAccountView p) => string.Join(" ", p.FullName, p.Email, p.JobTitle, p.AgencyName,
        string.Join(" ", p.SignIn?.Roles.Select(r => r.Label()) ?? []));

    /// <summary>What needs an administrator's eye first: disabled, then locked out, then no two-factor, then the rest.</summary>
    static int SignInRank(PersonAccountView p) => p.SignIn switch
    {
        null => 4,
        { IsActive: false } => 0,
        { IsLockedOut: true } => 1,
        { TwoFactorEnabled: false } => 2,
        _ => 3,
    };
}
