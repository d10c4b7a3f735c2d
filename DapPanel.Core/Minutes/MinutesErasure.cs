using System.Text.Json;
using DapPanel.Core.Domain;

namespace DapPanel.Core.Minutes;

/// <summary>Takes an erased case's free text out of every minutes version, final ones included.</summary>
public static class MinutesErasure
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static void Erase(MinutesVersion version, IReadOnlySet<Guid> agendaItemIds, string caseReference, string erased)
    {
        foreach (var text in version.Items.Where(t => agendaItemIds.Contains(t.AgendaItemId)))
        {
            text.Summary = text.Summary is null ? null : erased;
            text.Notes = text.Notes is null ? null : erased;
        }
        if (version.Snapshot is null) return;
        var content = JsonSerializer.Deserialize<MinutesContent>(version.Snapshot, Json)!;
        var erasedContent = content with
        {
            Items = content.Items.Select(i => agendaItemIds.Contains(i.AgendaItemId)
                ? i with
                {
                    Summary = i.Summary is null ? null : erased,
                    Notes = i.Notes is null ? null : erased,
                    Levers = i.Levers.Select(l => l with { Description = erased }).ToList(),
                    Decision = i.Decision is null ? null : i.Decision with { Rationale = erased },
                    Actions = i.Actions.Select(a => Erase(a, erased)).ToList(),
                }
                : i).ToList(),
            OutstandingActions = content.OutstandingActions
                .Select(a => a.CaseReference == caseReference ? Erase(a, erased) : a).ToList(),
        };
        version.Snapshot = JsonSerializer.Serialize(erasedContent, Json);
    }

    static ActionRow Erase(ActionRow action, string erased) =>
        action with { Description = erased, OutcomeNote = action.OutcomeNote is null ? null : erased };
}
