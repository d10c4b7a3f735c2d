using DapPanel.Core.Domain;

namespace DapPanel.Core.Panels;

/// <summary>A panel the signed-in person works on, for the panel switcher.</summary>
public sealed record MyPanel(Guid Id, string Name, string Area);

public sealed record PanelListRow(Guid Id, string Name, string Area, int Agencies, int Chairs, int OpenCases, int Meetings,
    int? AgreementNumber, DateTimeOffset? ArchivedAt, Guid Version)
{
    public bool IsArchived => ArchivedAt is not null;
}

public sealed record PanelMemberView(Guid MembershipId, Guid AgencyId, string AgencyName, AgencyKind Kind, bool IsCore, Guid Version);

public sealed record PanelChairView(Guid PersonId, string FullName, string AgencyName, string? Email);

/// <summary>Someone who could be made a chair: a person with a sign-in.</summary>
public sealed record ChairCandidate(Guid PersonId, string FullName, string AgencyName, bool IsChair);

public sealed record PanelDetail(Guid Id, PanelInput Details, IReadOnlyList<PanelMemberView> Members,
    IReadOnlyList<PanelChairView> Chairs, int? AgreementNumber, DateTimeOffset? ArchivedAt, Guid Version)
{
    public bool IsArchived => ArchivedAt is not null;
    public string Name => Details.Name;
}

/// <summary>A panel's name and how it meets: the guided setup's first step, and the panel's page.</summary>
public sealed class PanelInput
{
    public string Name { get; set; } = "";
    public string Area { get; set; } = "";
    public int CadenceDays { get; set; } = 14;
    public int DefaultMeetingMinutes { get; set; } = 120;
    public string? UsualLocation { get; set; }
    public string? UsualOnlineLink { get; set; }

    public const int MinCadenceDays = 7;
    public const int MaxCadenceDays = 91;

    public PanelInput Copy() => (PanelInput)MemberwiseClone();

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (PlainText.IsBlank(Name)) problems.Add("Give the panel's name, for example \"Sutton DAPP\".");
        else if (Name.Trim().Length > 200) problems.Add("The panel's name is at most 200 characters.");
        if (PlainText.IsBlank(Area)) problems.Add("Give the area the panel covers, for example \"London Borough of Sutton\".");
        else if (Area.Trim().Length > 200) problems.Add("The area is at most 200 characters.");
        if (CadenceDays is < MinCadenceDays or > MaxCadenceDays)
            problems.Add($"The panel meets every {MinCadenceDays} to {MaxCadenceDays} days (fortnightly is 14).");
        if (DefaultMeetingMinutes is < 30 or > 480) problems.Add("A meeting lasts between 30 and 480 minutes.");
        if (UsualLocation?.Trim().Length > 300) problems.Add("The usual place is at most 300 characters.");
        if (!PlainText.IsBlank(UsualOnlineLink))
        {
            var link = UsualOnlineLink.Trim();
            if (link.Length > 500) problems.Add("The online link is at most 500 characters.");
            else if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                problems.Add("The online link must be a full web address starting https://.");
        }
        return problems;
    }
}

/// <summary>One of the usual members of a DAPP, offered when a panel is set up; the administrator edits and chooses.</summary>
public sealed class TemplateAgency
{
    public bool Chosen { get; set; } = true;
    public string Name { get; set; } = "";
    public AgencyKind Kind { get; set; }
    public bool IsCore { get; set; } = true;
}

/// <summary>A new person who chairs the panel, with a sign-in and the first password the administrator gives them.</summary>
public sealed class NewChairInput
{
    public string FullName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? JobTitle { get; set; }
    public Guid AgencyId { get; set; }
    public string Password { get; set; } = "";
}

/// <summary>How far the guided setup of one panel has come.</summary>
public sealed record PanelSetupProgress(Guid PanelId, string PanelName, int Agencies, int? AgreementNumber, int Chairs)
{
    public bool HasAgencies => Agencies > 0;
    public bool HasAgreement => AgreementNumber is not null;
    public bool HasTwoChairs => Chairs >= 2;
}
