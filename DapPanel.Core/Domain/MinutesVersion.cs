namespace DapPanel.Core.Domain;

public enum MinutesStatus { Draft, Final }

/// <summary>
/// One version of a meeting's minutes. Version 1 starts as a draft the chair corrects and finalises;
/// once final it is locked, and each later correction is a new final version saying who, when and why.
/// </summary>
public class MinutesVersion : Entity
{
    public const int MaxGeneralNotesLength = 4000;
    public const int MaxSummaryLength = 4000;
    public const int MaxNotesLength = 2000;
    public const int MaxReasonLength = 1000;

    public Guid MeetingId { get; set; }
    public int Number { get; set; }
    public MinutesStatus Status { get; set; } = MinutesStatus.Draft;
    public string? GeneralNotes { get; set; }
    public bool ConfidentialityStatementRead { get; set; } = true;
    public List<MinutesItemText> Items { get; set; } = [];

    public Guid CreatedByPersonId { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? FinalisedByName { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }

    /// <summary>Why this version replaced the one before; only corrections carry one.</summary>
    public string? CorrectionReason { get; set; }

    /// <summary>The minutes' facts as they stood when finalised (JSON), so a final version never changes.</summary>
    public string? Snapshot { get; set; }

    public bool IsFinal => Status == MinutesStatus.Final;

    public void Edit(string? generalNotes, bool confidentialityStatementRead, IEnumerable<MinutesItemText> items)
    {
        if (IsFinal)
            throw new DomainRuleException(
                $"Version {Number} of the minutes is final and locked; make a correction with a reason instead.");
        ApplyTexts(generalNotes, confidentialityStatementRead, items);
    }

    public void Finalise(string byName, DateTimeOffset now, string snapshot)
    {
        if (IsFinal)
            throw new DomainRuleException($"Version {Number} of the minutes is already final.");
        Status = MinutesStatus.Final;
        FinalisedByName = byName;
        FinalisedAt = now;
        Snapshot = snapshot;
    }

    /// <summary>A new final version with corrected text; the version it replaces stays as it was.</summary>
    public MinutesVersion Correct(string? reason, string? generalNotes, bool confidentialityStatementRead,
        IEnumerable<MinutesItemText> items, Guid byPersonId, string byName, DateTimeOffset now, string snapshot)
    {
        if (!IsFinal)
            throw new DomainRuleException("Draft minutes are edited directly; only final minutes need a correction.");
        if (PlainText.IsBlank(reason))
            throw new DomainRuleException("Say why the final minutes are being corrected.");
        if (reason.Trim().Length > MaxReasonLength)
            throw new DomainRuleException($"The reason is at most {MaxReasonLength} characters.");
        var correction = new MinutesVersion
        {
            MeetingId = MeetingId, Number = Number + 1, CreatedByPersonId = byPersonId, CreatedByName = byName,
            CreatedAt = now, CorrectionReason = reason.Trim(),
        };
        correction.ApplyTexts(generalNotes, confidentialityStatementRead, items);
        correction.Finalise(byName, now, snapshot);
        return correction;
    }

    void ApplyTexts(string? generalNotes, bool confidentialityStatementRead, IEnumerable<MinutesItemText> items)
    {
        var notes = Tidy(generalNotes);
        if (notes?.Length > MaxGeneralNotesLength)
            throw new DomainRuleException($"General notes are at most {MaxGeneralNotesLength} characters.");
        var texts = items.Select(i => new MinutesItemText
        {
            AgendaItemId = i.AgendaItemId, Summary = Tidy(i.Summary), Notes = Tidy(i.Notes),
        }).ToList();
        foreach (var text in texts)
        {
            if (text.Summary?.Length > MaxSummaryLength)
                throw new DomainRuleException($"An item's summary is at most {MaxSummaryLength} characters.");
            if (text.Notes?.Length > MaxNotesLength)
                throw new DomainRuleException($"An item's notes are at most {MaxNotesLength} characters.");
        }
        GeneralNotes = notes;
        ConfidentialityStatementRead = confidentialityStatementRead;
        Items = texts;
    }

    static string? Tidy(string? text) => PlainText.IsBlank(text) ? null : text.Trim();
}

/// <summary>The chair's text for one agenda item: the summary as shown at the panel and discussion notes.</summary>
public class MinutesItemText
{
    public Guid AgendaItemId { get; set; }
    public string? Summary { get; set; }
    public string? Notes { get; set; }
}
