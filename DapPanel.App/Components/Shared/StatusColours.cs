using DapPanel.Core.Domain;
using MudBlazor;

namespace DapPanel.App.Components.Shared;

/// <summary>
/// One colour per fixed value, so a status reads the same on every page, and one meaning per colour: red is danger or
/// a problem (high risk, overdue, absent), orange a caution (medium risk, apologies), green done or agreed, grey settled
/// without further work (not suitable, closed).
/// </summary>
public static class StatusColours
{
    public static Color Of(MeetingStatus status) => status switch
    {
        MeetingStatus.Draft => Color.Default,
        MeetingStatus.Circulated => Color.Info,
        MeetingStatus.Live => Color.Success,
        _ => Color.Dark,
    };

    public static Color Of(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.NewReferral => Color.Primary,
        AgendaItemKind.Review => Color.Secondary,
        _ => Color.Tertiary,
    };

    public static Color Of(RiskLevel risk) => risk switch
    {
        RiskLevel.High => Color.Error,
        RiskLevel.Medium => Color.Warning,
        _ => Color.Default,
    };

    public static Color Of(CaseStatus status) => status switch
    {
        CaseStatus.Referred => Color.Primary,
        CaseStatus.Accepted => Color.Success,
        CaseStatus.Review => Color.Secondary,
        CaseStatus.NotSuitable => Color.Default,
        _ => Color.Dark,
    };

    public static Color Of(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Accept => Color.Success,
        DecisionOutcome.NotSuitable => Color.Default,
        DecisionOutcome.Review => Color.Secondary,
        DecisionOutcome.Close => Color.Dark,
        _ => Color.Tertiary,
    };

    public static Color Of(ActionStatus status, bool overdue) => status switch
    {
        ActionStatus.Open when overdue => Color.Error,
        ActionStatus.Open => Color.Info,
        ActionStatus.Done => Color.Success,
        _ => Color.Warning,
    };
}
