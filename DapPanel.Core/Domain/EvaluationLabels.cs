namespace DapPanel.Core.Domain;

// Labels of the evaluation's vocabularies: needs, characteristics. The rest are in Labels.cs.
public static partial class Labels
{
    public static string Label(this NeedArea area) => area switch
    {
        NeedArea.ChildrenFamiliesAndParenting => "Children, families and parenting",
        NeedArea.SubstanceMisuseDrugs => "Substance misuse — drugs",
        NeedArea.SubstanceMisuseAlcohol => "Substance misuse — alcohol",
        NeedArea.MentalHealthAndWellbeing => "Mental health and psychological wellbeing",
        NeedArea.Housing => "Housing",
        NeedArea.PhysicalHealth => "Physical health",
        NeedArea.EducationEmploymentAndTraining => "Education, employment and training",
        NeedArea.BenefitsDebtAndFinances => "Benefits, debt and finances",
        NeedArea.SocialisationAndCommunity => "Socialisation and community",
        NeedArea.BehaviourAndAttitudes => "Behaviour and attitudes",
        _ => area.ToString(),
    };

    public static string Label(this NeedLevel level) => level switch
    {
        NeedLevel.NotKnown => "Not known",
        NeedLevel.None => "None",
        NeedLevel.Low => "Low",
        NeedLevel.Medium => "Medium",
        NeedLevel.High => "High",
        _ => level.ToString(),
    };

    public static string Label(this Sex sex) => sex switch
    {
        Sex.NotKnown => "Not known",
        Sex.Female => "Female",
        Sex.Male => "Male",
        Sex.PreferNotToSay => "Prefer not to say",
        _ => sex.ToString(),
    };

    public static string Label(this EthnicGroup group) => group switch
    {
        EthnicGroup.Asian => "Asian, Asian British or Asian Welsh",
        EthnicGroup.Black => "Black, Black British, Black Welsh, Caribbean or African",
        EthnicGroup.Mixed => "Mixed or Multiple ethnic groups",
        EthnicGroup.White => "White",
        EthnicGroup.Other => "Other ethnic group",
        _ => group.ToString(),
    };

    public static string Label(this Ethnicity ethnicity) => ethnicity switch
    {
        Ethnicity.NotKnown => "Not known",
        Ethnicity.PreferNotToSay => "Prefer not to say",
        Ethnicity.AsianBangladeshi => "Asian: Bangladeshi",
        Ethnicity.AsianChinese => "Asian: Chinese",
        Ethnicity.AsianIndian => "Asian: Indian",
        Ethnicity.AsianPakistani => "Asian: Pakistani",
        Ethnicity.AsianOther => "Asian: any other Asian background",
        Ethnicity.BlackAfrican => "Black: African",
        Ethnicity.BlackCaribbean => "Black: Caribbean",
        Ethnicity.BlackOther => "Black: any other Black, Black British or Caribbean background",
        Ethnicity.MixedWhiteAndAsian => "Mixed: White and Asian",
        Ethnicity.MixedWhiteAndBlackAfrican => "Mixed: White and Black African",
        Ethnicity.MixedWhiteAndBlackCaribbean => "Mixed: White and Black Caribbean",
        Ethnicity.MixedOther => "Mixed: any other Mixed or multiple ethnic background",
        Ethnicity.WhiteBritish => "White: English, Welsh, Scottish, Northern Irish or British",
        Ethnicity.WhiteIrish => "White: Irish",
        Ethnicity.WhiteGypsyOrIrishTraveller => "White: Gypsy or Irish Traveller",
        Ethnicity.WhiteRoma => "White: Roma",
        Ethnicity.WhiteOther => "White: any other White background",
        Ethnicity.OtherArab => "Other: Arab",
        Ethnicity.OtherAny => "Other: any other ethnic group",
        _ => ethnicity.ToString(),
    };
}
