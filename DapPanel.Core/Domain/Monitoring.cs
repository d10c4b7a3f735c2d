namespace DapPanel.Core.Domain;

// Characteristics for equality monitoring. Seen person by person only by chairs, administrators and the
// case-management provider (DapPanel.Core/Intake); everyone else sees them counted, in the evaluation.

public enum Sex { NotKnown, Female, Male, PreferNotToSay }

/// <summary>The ONS 2021 census ethnic groups (England and Wales), with "not known" and "prefer not to say".</summary>
public enum Ethnicity
{
    NotKnown, PreferNotToSay,
    AsianBangladeshi, AsianChinese, AsianIndian, AsianPakistani, AsianOther,
    BlackAfrican, BlackCaribbean, BlackOther,
    MixedWhiteAndAsian, MixedWhiteAndBlackAfrican, MixedWhiteAndBlackCaribbean, MixedOther,
    WhiteBritish, WhiteIrish, WhiteGypsyOrIrishTraveller, WhiteRoma, WhiteOther,
    OtherArab, OtherAny,
}

/// <summary>The census's five high-level ethnic groups, which the area's population profile is given in.</summary>
public enum EthnicGroup { Asian, Black, Mixed, White, Other }

public static class Ethnicities
{
    /// <summary>The high-level group of a recorded ethnicity; null when it is not known or the person preferred not to say.</summary>
    public static EthnicGroup? Group(this Ethnicity ethnicity) => ethnicity switch
    {
        >= Ethnicity.AsianBangladeshi and <= Ethnicity.AsianOther => EthnicGroup.Asian,
        >= Ethnicity.BlackAfrican and <= Ethnicity.BlackOther => EthnicGroup.Black,
        >= Ethnicity.MixedWhiteAndAsian and <= Ethnicity.MixedOther => EthnicGroup.Mixed,
        >= Ethnicity.WhiteBritish and <= Ethnicity.WhiteOther => EthnicGroup.White,
        Ethnicity.OtherArab or Ethnicity.OtherAny => EthnicGroup.Other,
        _ => null,
    };

    /// <summary>Age in whole years on a day; null for an unknown or erased date of birth.</summary>
    public static int? AgeOn(DateOnly? dateOfBirth, DateOnly day)
    {
        if (dateOfBirth is not { } dob || dob == DateOnly.MinValue || dob > day) return null;
        var age = day.Year - dob.Year;
        if (day < dob.AddYears(age)) age--;
        return age;
    }
}

/// <summary>One high-level ethnic group's share of the panel's area population, for comparison with the cohort.</summary>
public class AreaPopulationShare : Entity
{
    public Guid PanelId { get; set; }
    public EthnicGroup Group { get; set; }
    /// <summary>Per cent of the area's population, to one decimal place.</summary>
    public decimal Percent { get; set; }
}
