namespace DapPanel.Core.Domain;

/// <summary>The areas of need the case-management provider rates, at intake and at each review.</summary>
public enum NeedArea
{
    ChildrenFamiliesAndParenting, SubstanceMisuseDrugs, SubstanceMisuseAlcohol, MentalHealthAndWellbeing, Housing,
    PhysicalHealth, EducationEmploymentAndTraining, BenefitsDebtAndFinances, SocialisationAndCommunity,
    BehaviourAndAttitudes,
}

/// <summary>How great a need is; "not known" is its own answer (often so without direct contact), never "none".</summary>
public enum NeedLevel { NotKnown, None, Low, Medium, High }

/// <summary>One rating per area of need, stored as columns of the intake record or review update that holds it.</summary>
public sealed class NeedsRatings
{
    public NeedLevel ChildrenFamiliesAndParenting { get; set; }
    public NeedLevel SubstanceMisuseDrugs { get; set; }
    public NeedLevel SubstanceMisuseAlcohol { get; set; }
    public NeedLevel MentalHealthAndWellbeing { get; set; }
    public NeedLevel Housing { get; set; }
    public NeedLevel PhysicalHealth { get; set; }
    public NeedLevel EducationEmploymentAndTraining { get; set; }
    public NeedLevel BenefitsDebtAndFinances { get; set; }
    public NeedLevel SocialisationAndCommunity { get; set; }
    public NeedLevel BehaviourAndAttitudes { get; set; }

    public NeedLevel this[NeedArea area]
    {
        get => area switch
        {
            NeedArea.ChildrenFamiliesAndParenting => ChildrenFamiliesAndParenting,
            NeedArea.SubstanceMisuseDrugs => SubstanceMisuseDrugs,
            NeedArea.SubstanceMisuseAlcohol => SubstanceMisuseAlcohol,
            NeedArea.MentalHealthAndWellbeing => MentalHealthAndWellbeing,
            NeedArea.Housing => Housing,
            NeedArea.PhysicalHealth => PhysicalHealth,
            NeedArea.EducationEmploymentAndTraining => EducationEmploymentAndTraining,
            NeedArea.BenefitsDebtAndFinances => BenefitsDebtAndFinances,
            NeedArea.SocialisationAndCommunity => SocialisationAndCommunity,
            NeedArea.BehaviourAndAttitudes => BehaviourAndAttitudes,
            _ => throw new ArgumentOutOfRangeException(nameof(area)),
        };
        set
        {
            switch (area)
            {
                case NeedArea.ChildrenFamiliesAndParenting: ChildrenFamiliesAndParenting = value; break;
                case NeedArea.SubstanceMisuseDrugs: SubstanceMisuseDrugs = value; break;
                case NeedArea.SubstanceMisuseAlcohol: SubstanceMisuseAlcohol = value; break;
                case NeedArea.MentalHealthAndWellbeing: MentalHealthAndWellbeing = value; break;
                case NeedArea.Housing: Housing = value; break;
                case NeedArea.PhysicalHealth: PhysicalHealth = value; break;
                case NeedArea.EducationEmploymentAndTraining: EducationEmploymentAndTraining = value; break;
                case NeedArea.BenefitsDebtAndFinances: BenefitsDebtAndFinances = value; break;
                case NeedArea.SocialisationAndCommunity: SocialisationAndCommunity = value; break;
                case NeedArea.BehaviourAndAttitudes: BehaviourAndAttitudes = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(area));
            }
        }
    }

    /// <summary>Areas rated low, medium or high: a need the case manager knows of.</summary>
    public int KnownNeeds => Enum.GetValues<NeedArea>().Count(a => this[a] is NeedLevel.Low or NeedLevel.Medium or NeedLevel.High);

    public NeedsRatings Copy()
    {
        var copy = new NeedsRatings();
        foreach (var area in Enum.GetValues<NeedArea>()) copy[area] = this[area];
        return copy;
    }

    public static NeedsRatings AllNotKnown() => new();
}

/// <summary>
/// What the case-management provider records when the panel accepts a case: its needs and the Severity of Abuse Grid
/// at intake. One per case; the case manager, ACEs and characteristics are kept on the case and its people.
/// </summary>
public class CaseIntake : Entity
{
    public Guid CaseId { get; set; }
    public DateOnly AssessedOn { get; set; }
    public NeedsRatings Needs { get; set; } = new();
    public List<IntakeSeverity> Severities { get; set; } = [];
    public Guid WrittenByPersonId { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>One cell of the Severity of Abuse Grid at intake, for one victim-survivor.</summary>
public class IntakeSeverity : Entity
{
    public Guid CaseIntakeId { get; set; }
    public Guid VictimSurvivorId { get; set; }
    public AbuseType AbuseType { get; set; }
    public AbuseSeverity Severity { get; set; } = AbuseSeverity.Unknown;
}
