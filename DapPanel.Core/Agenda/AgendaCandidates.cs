using DapPanel.Core.Domain;

namespace DapPanel.Core.Agenda;

/// <summary>Which cases a meeting's agenda should consider, by the panel's rules (DOMAIN.md).</summary>
public static class AgendaCandidates
{
    public static IReadOnlyList<AgendaCandidate> For(
        IEnumerable<Case> cases, IReadOnlySet<Guid> decidedCaseIds, IReadOnlySet<Guid> onOpenAgendas, DateOnly meetingDate)
    {
        var result = new List<AgendaCandidate>();
        foreach (var c in cases.Where(c => !onOpenAgendas.Contains(c.Id)))
        {
            var kinds = new List<AgendaItemKind>();
            var reasons = new List<string>();
            if (c.Status == CaseStatus.Referred && !decidedCaseIds.Contains(c.Id))
            {
                kinds.Add(AgendaItemKind.NewReferral);
                reasons.Add($"New referral of {c.ReferredOn:d MMM yyyy}, not yet heard");
            }
            if (c.IsOpen && (c.Status == CaseStatus.Review || c.ReviewDueOn <= meetingDate))
            {
                kinds.Add(AgendaItemKind.Review);
                reasons.Add(c.ReviewDueOn is { } due ? $"Review due {due:d MMM yyyy}" : "The panel asked for a review");
            }
            if (c.IsOpen && c.EarliestClosureOn <= meetingDate)
            {
                kinds.Add(AgendaItemKind.ClosureProposal);
                reasons.Add($"Open since {c.AcceptedOn:d MMM yyyy}: closure can be considered");
            }
            var needsExtension = c.NeedsExtensionReason(meetingDate);
            if (needsExtension) reasons.Add("Past 12 months: needs an extension reason or closure");
            if (kinds.Count > 0)
                result.Add(new AgendaCandidate(c.Id, c.Reference, c.Perpetrator.FullName, c.RiskLevel, kinds, reasons, needsExtension));
        }
        return result.OrderBy(c => c.Kinds[0]).ThenByDescending(c => c.RiskLevel).ThenBy(c => c.CaseReference).ToList();
    }

    public static int DefaultMinutes(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.NewReferral => 8,
        AgendaItemKind.Review => 6,
        _ => 5,
    };

    public static string SuggestedFocus(AgendaItemKind kind, bool needsExtension) => kind switch
    {
        AgendaItemKind.NewReferral => "Eligibility: accept, not suitable or bring back. Partners: are the perpetrator and victim-survivor known to you?",
        AgendaItemKind.Review when needsExtension => "Open over 12 months: extend with a reason or close. Police and IDVA: is the risk still a concern?",
        AgendaItemKind.Review => "Progress since the last panel and next steps. Partners: any new incidents or contact?",
        _ => "Closure: do the case manager and IDVA agree, and do partners see any reason to keep it open?",
    };
}
