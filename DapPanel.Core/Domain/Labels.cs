namespace DapPanel.Core.Domain;

/// <summary>How each fixed value reads to a person, in one place.</summary>
public static class Labels
{
    public static string Label(this AgencyKind kind) => kind switch
    {
        AgencyKind.Police => "Police",
        AgencyKind.Probation => "Probation",
        AgencyKind.ChildrensSocialCare => "Children's social care",
        AgencyKind.AdultSocialCare => "Adult social care",
        AgencyKind.Housing => "Housing",
        AgencyKind.MentalHealth => "Mental health",
        AgencyKind.SubstanceMisuse => "Substance misuse",
        AgencyKind.IdvaService => "IDVA service",
        AgencyKind.CaseManagementProvider => "Case-management provider",
        AgencyKind.Prison => "Prison",
        AgencyKind.Health => "Health",
        AgencyKind.Education => "Education",
        _ => "Other",
    };

    public static string Label(this Role role) => role switch
    {
        Role.Administrator => "Administrator",
        Role.Chair => "Chair",
        Role.AgencyMember => "Agency member",
        Role.Manager => "Manager",
        _ => role.ToString(),
    };

    public static string Label(this MeetingStatus status) => status switch
    {
        MeetingStatus.Draft => "Draft",
        MeetingStatus.Circulated => "Circulated",
        MeetingStatus.Live => "Live",
        MeetingStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Label(this AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.NewReferral => "New referral",
        AgendaItemKind.Review => "Review",
        AgendaItemKind.ClosureProposal => "Closure proposal",
        _ => kind.ToString(),
    };

    public static string Label(this ReferralSource source) => source switch
    {
        ReferralSource.Police => "Police",
        ReferralSource.Marac => "MARAC",
        _ => "Other",
    };

    public static string Label(this RiskLevel risk) => risk switch
    {
        RiskLevel.Standard => "Standard",
        RiskLevel.Medium => "Medium",
        RiskLevel.High => "High",
        _ => risk.ToString(),
    };

    public static string Label(this CaseStatus status) => status switch
    {
        CaseStatus.Referred => "Referred",
        CaseStatus.Accepted => "Accepted",
        CaseStatus.NotSuitable => "Not suitable",
        CaseStatus.Review => "Review",
        CaseStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Label(this EngagementStatus status) => status switch
    {
        EngagementStatus.NotYetKnown => "Not yet known",
        EngagementStatus.Fully => "Fully engaging",
        EngagementStatus.Partially => "Partially engaging",
        EngagementStatus.NotEngaging => "Not engaging",
        _ => status.ToString(),
    };

    public static string Label(this ClosureReason reason) => reason switch
    {
        ClosureReason.ServiceUserDisengaged => "Service user disengaged",
        ClosureReason.LimitedScopeOfWork => "Limited scope of work",
        ClosureReason.RiskToVictimsTooHigh => "Risk to victims/CYP too high",
        ClosureReason.RiskReduced => "Risk reduced",
        ClosureReason.InterventionsCompleted => "Interventions completed",
        ClosureReason.MovedOutOfArea => "Moved out of area",
        ClosureReason.InCustody => "In custody",
        ClosureReason.Deceased => "Deceased",
        _ => reason.ToString(),
    };

    public static string Label(this LeverFamily family) => family switch
    {
        LeverFamily.Engagement => "Engagement",
        LeverFamily.Support => "Support",
        LeverFamily.Disrupt => "Disrupt",
        _ => family.ToString(),
    };

    public static string Label(this LeverArea area) => area switch
    {
        LeverArea.ProbationContact => "Probation officer contact",
        LeverArea.RehabilitationCompanyContact => "CRC worker contact",
        LeverArea.SocialWorkerContact => "Social worker contact",
        LeverArea.PrisonContact => "Prison contact",
        LeverArea.OtherAgencyContact => "Other agency contact",
        LeverArea.ChildrenAndFamilies => "Children and families",
        LeverArea.Housing => "Homelessness / housing",
        LeverArea.BenefitsDebtAndFinances => "Benefits, debt and finances",
        LeverArea.PhysicalHealth => "Physical health",
        LeverArea.MentalHealthAndWellbeing => "Mental health and wellbeing",
        LeverArea.SubstanceMisuse => "Substance misuse",
        LeverArea.SocialisationAndCommunity => "Socialisation and community",
        LeverArea.PurposefulActivities => "Purposeful activities",
        LeverArea.EducationEmploymentAndTraining => "Education, employment and training",
        LeverArea.BehaviourAndAttitudeChange => "Behavioural and attitudinal change",
        LeverArea.Identity => "Identity",
        LeverArea.AvailabilityOfVictims => "Availability of victims",
        LeverArea.EvidenceGathering => "Evidence gathering for prosecution",
        LeverArea.Notification => "Notification",
        LeverArea.BreachOfOrders => "Use of breach of orders",
        LeverArea.LegalProceedings => "Legal proceedings",
        LeverArea.InformationSharingWithPolice => "Information sharing with police",
        _ => area.ToString(),
    };

    public static string Label(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Accept => "Accept",
        DecisionOutcome.NotSuitable => "Not suitable",
        DecisionOutcome.Review => "Review at a later panel",
        DecisionOutcome.Close => "Close",
        DecisionOutcome.Extend => "Extend beyond 12 months",
        _ => outcome.ToString(),
    };

    public static string Label(this ActionStatus status) => status switch
    {
        ActionStatus.Open => "Open",
        ActionStatus.Done => "Done",
        ActionStatus.NotDoneCircumstancesChanged => "Not done — circumstances changed",
        ActionStatus.NotDoneAgencyDidNotAct => "Not done — agency did not act",
        _ => status.ToString(),
    };

    public static string Label(this AttendanceStatus status) => status switch
    {
        AttendanceStatus.PresentInRoom => "Present in the room",
        AttendanceStatus.PresentRemote => "Present remotely",
        AttendanceStatus.Apologies => "Apologies",
        AttendanceStatus.ApologiesWithInformation => "Apologies, information sent",
        AttendanceStatus.DeputySent => "Deputy sent",
        AttendanceStatus.Absent => "Absent",
        _ => status.ToString(),
    };

    public static string Label(this MinutesStatus status) => status switch
    {
        MinutesStatus.Draft => "Draft",
        MinutesStatus.Final => "Final",
        _ => status.ToString(),
    };

    public static string Label(this CaseWorkStatus status) => status switch
    {
        CaseWorkStatus.DirectContact => "Direct contact made",
        CaseWorkStatus.BackgroundResearch => "Additional background research",
        CaseWorkStatus.PreClosure => "Pre-closure",
        CaseWorkStatus.OnHold => "On hold",
        CaseWorkStatus.NotSafeToContact => "Not safe to contact",
        _ => status.ToString(),
    };

    public static string Label(this InterventionKind kind) => kind switch
    {
        InterventionKind.Support => "Support",
        InterventionKind.Disrupt => "Disrupt",
        InterventionKind.Combined => "Support and disrupt combined",
        _ => kind.ToString(),
    };

    public static string Label(this AbuseType type) => type switch
    {
        AbuseType.Physical => "Physical",
        AbuseType.Sexual => "Sexual",
        AbuseType.HarassmentAndStalking => "Harassment and stalking",
        AbuseType.JealousCoerciveControlling => "Jealous, coercive and controlling",
        _ => type.ToString(),
    };

    public static string Label(this AbuseSeverity severity) => severity switch
    {
        AbuseSeverity.High => "High",
        AbuseSeverity.Moderate => "Moderate",
        AbuseSeverity.Standard => "Standard",
        AbuseSeverity.None => "None",
        AbuseSeverity.Unknown => "Unknown",
        _ => severity.ToString(),
    };

    public static string Label(this ResearchAnswer answer) => answer switch
    {
        ResearchAnswer.KnownToUs => "Known to us",
        ResearchAnswer.NotKnown => "Not known",
        ResearchAnswer.StillResearching => "Still researching",
        _ => answer.ToString(),
    };

    public static string Label(this AgendaChangeKind kind) => kind switch
    {
        AgendaChangeKind.Added => "Added",
        AgendaChangeKind.Withdrawn => "Withdrawn",
        AgendaChangeKind.Reordered => "Moved",
        _ => kind.ToString(),
    };

    public static string Label(this NotificationKind kind) => kind switch
    {
        NotificationKind.Circulation => "Case list",
        NotificationKind.Addendum => "Addendum",
        NotificationKind.ResearchReminder => "Research reminder",
        _ => kind.ToString(),
    };

    public static string Label(this NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "Waiting to send",
        NotificationStatus.Sent => "Sent",
        NotificationStatus.Failed => "Failed",
        _ => status.ToString(),
    };

    public static bool IsPresent(this AttendanceStatus status) =>
        status is AttendanceStatus.PresentInRoom or AttendanceStatus.PresentRemote or AttendanceStatus.DeputySent;

    public static string Label(this AuditAction action) => action switch
    {
        AuditAction.SignIn => "Signed in",
        AuditAction.SignInFailed => "Failed sign-in",
        AuditAction.LockedOut => "Locked out",
        AuditAction.SignOut => "Signed out",
        AuditAction.ViewedCaseDetail => "Viewed case detail",
        AuditAction.Exported => "Export or download",
        AuditAction.Changed => "Change",
        AuditAction.PermissionChanged => "Permission change",
        AuditAction.Erased => "Case erased",
        _ => action.ToString(),
    };

    /// <summary>"an engagement", "a support": the article a word takes when it is read aloud.</summary>
    public static string WithArticle(string word) =>
        (word.Length > 0 && "aeiouAEIOU".Contains(word[0]) ? "an " : "a ") + word;
}
