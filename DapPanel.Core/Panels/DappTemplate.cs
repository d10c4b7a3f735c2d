using DapPanel.Core.Domain;

namespace DapPanel.Core.Panels;

/// <summary>What a new DAPP usually starts from: its member agencies and an information-sharing agreement to edit.</summary>
public static class DappTemplate
{
    /// <summary>The usual members of a DAPP (DOMAIN.md): core agencies are expected at every meeting.</summary>
    public static IReadOnlyList<TemplateAgency> Agencies() =>
    [
        new() { Name = "Police — domestic abuse team", Kind = AgencyKind.Police },
        new() { Name = "Probation Service", Kind = AgencyKind.Probation },
        new() { Name = "Children's Social Care", Kind = AgencyKind.ChildrensSocialCare },
        new() { Name = "Adult Social Care", Kind = AgencyKind.AdultSocialCare, IsCore = false },
        new() { Name = "Housing", Kind = AgencyKind.Housing },
        new() { Name = "Mental Health Service", Kind = AgencyKind.MentalHealth },
        new() { Name = "Substance Misuse Service", Kind = AgencyKind.SubstanceMisuse },
        new() { Name = "IDVA Service", Kind = AgencyKind.IdvaService },
        new() { Name = "Case-management provider", Kind = AgencyKind.CaseManagementProvider },
        new() { Name = "Prison Offender Management", Kind = AgencyKind.Prison },
        new() { Name = "Health Safeguarding", Kind = AgencyKind.Health, IsCore = false },
    ];

    public static string Agreement(string panelName, string area) => $"""
        Information-sharing agreement of {panelName} ({area})

        1. Purpose. Member agencies share information at {panelName} only to reduce the risk that high-harm domestic abuse perpetrators pose to victim-survivors and children, to decide what each agency will do, and to check that it was done.

        2. Lawful basis. Each agency shares under its public task (UK GDPR Article 6(1)(e)) and, for special category and criminal offence data, the substantial public interest conditions of safeguarding children and individuals at risk (Data Protection Act 2018, Schedule 1, paragraph 18) and of preventing or detecting unlawful acts.

        3. Need to know. Every member agency sees the perpetrator's summary. Victim-survivor and child details are shared only with agencies in the victims' safety plan (the IDVA service, police, children's social care and the case-management provider unless the panel decides otherwise). Research notes stay with the agency that wrote them. Victim-survivors' addresses and contact details are never shared through the panel.

        4. Handling. Case information is OFFICIAL-SENSITIVE. It is not copied, printed, forwarded or discussed outside the panel except into the agency's own secure records. Downloads are kept only as long as the agency needs them.

        5. Records. DapPanel records every view and download of case information with the basis it was shared under. Closed cases are kept for the panel's retention period and then erased.

        6. Review. The panel reviews this agreement every year, and whenever the law or its membership changes. Each new version is acknowledged again by everyone who sees case information.
        """;
}
