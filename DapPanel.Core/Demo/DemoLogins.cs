using DapPanel.Core.Domain;

namespace DapPanel.Core.Demo;

public sealed record DemoLogin(string Email, string FullName, string JobTitle, AgencyKind AgencyKind, Role Role);

/// <summary>The demo panel's sign-ins. Every name here is fictional.</summary>
public static class DemoLogins
{
    public const string Password = "Demo-panel-2026!";

    public static readonly IReadOnlyList<DemoLogin> All =
    [
        new("chair@dappanel.example", "DI Sam Kestrel", "Detective Inspector, co-chair", AgencyKind.Police, Role.Chair),
        new("cochair@dappanel.example", "Morgan Wren", "Family Justice Centre manager, co-chair", AgencyKind.Other, Role.Chair),
        new("admin@dappanel.example", "Jo Linnet", "Panel coordinator", AgencyKind.Other, Role.Administrator),
        new("manager@dappanel.example", "Pat Heron", "Head of community safety", AgencyKind.Other, Role.Manager),
        new("police@dappanel.example", "PC Alex Swift", "Domestic abuse analyst", AgencyKind.Police, Role.AgencyMember),
        new("probation@dappanel.example", "Chris Plover", "Senior probation officer", AgencyKind.Probation, Role.AgencyMember),
        new("csc@dappanel.example", "Dana Finch", "Team manager, children's social care", AgencyKind.ChildrensSocialCare, Role.AgencyMember),
        new("asc@dappanel.example", "Robin Teal", "Safeguarding adults lead", AgencyKind.AdultSocialCare, Role.AgencyMember),
        new("housing@dappanel.example", "Jamie Starling", "Housing options officer", AgencyKind.Housing, Role.AgencyMember),
        new("mentalhealth@dappanel.example", "Kim Curlew", "Community mental health nurse", AgencyKind.MentalHealth, Role.AgencyMember),
        new("recovery@dappanel.example", "Lee Sparrow", "Recovery worker", AgencyKind.SubstanceMisuse, Role.AgencyMember),
        new("idva@dappanel.example", "Ash Dunlin", "Senior IDVA", AgencyKind.IdvaService, Role.AgencyMember),
        new("drive@dappanel.example", "Toni Merlin", "Service manager, case management", AgencyKind.CaseManagementProvider, Role.AgencyMember),
        new("casemanager@dappanel.example", "Ravi Osprey", "Case manager", AgencyKind.CaseManagementProvider, Role.AgencyMember),
        new("prison@dappanel.example", "Nat Bunting", "Offender management unit", AgencyKind.Prison, Role.AgencyMember),
        new("health@dappanel.example", "Sol Avocet", "Named nurse for safeguarding", AgencyKind.Health, Role.AgencyMember),
    ];
}
