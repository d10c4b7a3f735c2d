namespace DapPanel.Core.Domain;

// The panel's fixed vocabularies (DOMAIN.md). Labels for people live in Labels.cs.

public enum AgencyKind
{
    Police, Probation, ChildrensSocialCare, AdultSocialCare, Housing, MentalHealth, SubstanceMisuse,
    IdvaService, CaseManagementProvider, Prison, Health, Education, Other,
}

public enum Role { Administrator, Chair, AgencyMember, Manager }

public enum MeetingStatus { Draft, Circulated, Live, Closed }

public enum AgendaItemKind { NewReferral, Review, ClosureProposal }

public enum ReferralSource { Police, Marac, Other }

public enum RiskLevel { Standard, Medium, High }

public enum CaseStatus { Referred, Accepted, NotSuitable, Review, Closed }

public enum EngagementStatus { NotYetKnown, Fully, Partially, NotEngaging }

public enum ClosureReason
{
    ServiceUserDisengaged, LimitedScopeOfWork, RiskToVictimsTooHigh, RiskReduced, InterventionsCompleted,
    MovedOutOfArea, InCustody, Deceased,
}

public enum LeverFamily { Engagement, Support, Disrupt }

public enum LeverArea
{
    // Engagement: an agency already in contact with the perpetrator.
    ProbationContact, RehabilitationCompanyContact, SocialWorkerContact, PrisonContact, OtherAgencyContact,
    // Support and disrupt both.
    ChildrenAndFamilies, Housing, BenefitsDebtAndFinances,
    // Support only.
    PhysicalHealth, MentalHealthAndWellbeing, SubstanceMisuse, SocialisationAndCommunity, PurposefulActivities,
    EducationEmploymentAndTraining, BehaviourAndAttitudeChange, Identity,
    // Disrupt only.
    AvailabilityOfVictims, EvidenceGathering, Notification, BreachOfOrders, LegalProceedings,
    InformationSharingWithPolice,
}

public enum DecisionOutcome { Accept, NotSuitable, Review, Close, Extend }

public enum ActionStatus { Open, Done, NotDoneCircumstancesChanged, NotDoneAgencyDidNotAct }

public enum AttendanceStatus { PresentInRoom, PresentRemote, Apologies, ApologiesWithInformation, DeputySent, Absent }

public static class LeverAreas
{
    static readonly LeverArea[] Engagement =
    [
        LeverArea.ProbationContact, LeverArea.RehabilitationCompanyContact, LeverArea.SocialWorkerContact,
        LeverArea.PrisonContact, LeverArea.OtherAgencyContact,
    ];

    static readonly LeverArea[] Support =
    [
        LeverArea.PhysicalHealth, LeverArea.MentalHealthAndWellbeing, LeverArea.Housing, LeverArea.ChildrenAndFamilies,
        LeverArea.SubstanceMisuse, LeverArea.SocialisationAndCommunity, LeverArea.PurposefulActivities,
        LeverArea.EducationEmploymentAndTraining, LeverArea.BenefitsDebtAndFinances,
        LeverArea.BehaviourAndAttitudeChange, LeverArea.Identity,
    ];

    static readonly LeverArea[] Disrupt =
    [
        LeverArea.ChildrenAndFamilies, LeverArea.AvailabilityOfVictims, LeverArea.EvidenceGathering,
        LeverArea.Notification, LeverArea.BreachOfOrders, LeverArea.Housing, LeverArea.LegalProceedings,
        LeverArea.BenefitsDebtAndFinances, LeverArea.InformationSharingWithPolice,
    ];

    public static IReadOnlyList<LeverArea> For(LeverFamily family) => family switch
    {
        LeverFamily.Engagement => Engagement,
        LeverFamily.Support => Support,
        LeverFamily.Disrupt => Disrupt,
        _ => [],
    };

    public static bool Belongs(LeverArea area, LeverFamily family) => For(family).Contains(area);
}

// Before the panel: review updates, research, circulation.

/// <summary>Where the case-management provider's work with the perpetrator stands.</summary>
public enum CaseWorkStatus { DirectContact, BackgroundResearch, PreClosure, OnHold, NotSafeToContact }

public enum InterventionKind { Support, Disrupt, Combined }

/// <summary>The four abuse types of the Severity of Abuse Grid.</summary>
public enum AbuseType { Physical, Sexual, HarassmentAndStalking, JealousCoerciveControlling }

public enum AbuseSeverity { High, Moderate, Standard, None, Unknown }

public enum ResearchAnswer { KnownToUs, NotKnown, StillResearching }

public enum AgendaChangeKind { Added, Withdrawn, Reordered }

public enum NotificationKind { Circulation, Addendum, ResearchReminder }

public enum NotificationStatus { Pending, Sent, Failed }
