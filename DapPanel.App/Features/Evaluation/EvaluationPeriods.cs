namespace DapPanel.App.Features.Evaluation;

/// <summary>The periods people ask for most: a quarterly return, a year, the evaluation's two years.</summary>
public static class EvaluationPeriods
{
    /// <summary>The last whole calendar quarter before today.</summary>
    public static (DateOnly From, DateOnly To) LastQuarter(DateOnly today)
    {
        var thisQuarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return (thisQuarter.AddMonths(-3), thisQuarter.AddDays(-1));
    }

    public static (DateOnly From, DateOnly To) LastTwelveMonths(DateOnly today) => (today.AddYears(-1).AddDays(1), today);

    public static (DateOnly From, DateOnly To) LastTwoYears(DateOnly today) => (today.AddYears(-2).AddDays(1), today);
}
