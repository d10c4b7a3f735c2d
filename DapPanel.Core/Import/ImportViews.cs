namespace DapPanel.Core.Import;

public enum ImportKind { People, Caseload }

/// <summary>What saving would do with one row: add it, leave it (it is already there, the same), or nothing until fixed.</summary>
public enum ImportRowOutcome { New, Unchanged, Problem }

/// <param name="Line">The row's line in the file (CSV) or its row number (spreadsheet), as the person sees it there.</param>
/// <param name="Notes">What saving will do besides adding it (a link to an earlier case, a chair's seat).</param>
public sealed record ImportRowView(int Line, string Label, ImportRowOutcome Outcome, IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes);

/// <summary>Every row of a file and its problems, before anything is saved.</summary>
public sealed record ImportPreview(ImportKind Kind, string FileName, Guid PanelId, string PanelName, IReadOnlyList<string> FileProblems,
    IReadOnlyList<ImportRowView> Rows)
{
    public int NewRows => Rows.Count(r => r.Outcome == ImportRowOutcome.New);
    public int UnchangedRows => Rows.Count(r => r.Outcome == ImportRowOutcome.Unchanged);
    public int RowsWithProblems => Rows.Count(r => r.Outcome == ImportRowOutcome.Problem);
    /// <summary>All or nothing: a file saves only when neither it nor any row has a problem.</summary>
    public bool CanSave => FileProblems.Count == 0 && RowsWithProblems == 0 && NewRows > 0;
}

public sealed record ImportSaved(int Added, int Unchanged);
