using System.Text;
using DapPanel.Core.Domain;
using DapPanel.Core.Import;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.GoLive;

/// <summary>
/// A panel brings the caseload and members it already has: every row's problems shown before anything is saved,
/// saved all together or not at all and audited, and the same file again changes nothing. Files that are not a
/// CSV or workbook, empty, of unknown columns, too long, with formulas or with text in dates are refused plainly.
/// </summary>
public class ImportTests : IAsyncLifetime
{
    PanelWorld world = default!;
    public async Task InitializeAsync() => world = await PanelWorld.CreateAsync();
    public async Task DisposeAsync() => await world.DisposeAsync();

    CaseloadImport Caseload => new(world.Db, world.Audit, world.Clock);
    PeopleImport People => new(world.Db, world.Audit, world.NeedToKnow, new LiveMeetingReadModel(world.Db, world.Clock));

    async Task<int> CasesAsync()
    {
        await using var db = world.Db.CreateDbContext();
        return await db.Cases.CountAsync();
    }

    async Task<int> AuditEntriesAsync(string startingWith)
    {
        await using var db = world.Db.CreateDbContext();
        return await db.AuditEvents.CountAsync(e => e.Summary.StartsWith(startingWith));
    }

    [Fact]
    public async Task A_caseload_is_previewed_saved_once_and_audited_and_the_same_file_again_changes_nothing()
    {
        var file = CaseloadFile.Csv(100, caseManager: "ravi@CaseManagementProvider.example");

        var preview = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.csv", file);
        Assert.Empty(preview.FileProblems);
        Assert.Equal(100, preview.NewRows);
        Assert.True(preview.CanSave);
        Assert.Equal(0, await CasesAsync());

        var saved = await Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.csv", file);
        Assert.Equal(new ImportSaved(100, 0), saved);
        Assert.Equal(1, await AuditEntriesAsync("Imported 100 open cases"));

        await using (var db = world.Db.CreateDbContext())
        {
            var c = await db.Cases.Include(x => x.VictimSurvivors).SingleAsync(x => x.Reference == CaseloadFile.Reference(7));
            Assert.Equal(world.Panel.Id, c.PanelId);
            Assert.Equal(CaseStatus.Accepted, c.Status);
            Assert.Equal(2, c.VictimSurvivors.Count);
            Assert.Equal(new DateOnly(2025, 1, 27), c.AcceptedOn);
            Assert.NotNull(c.CaseManagerPersonId);
            Assert.Equal(CaseStatus.Referred, (await db.Cases.SingleAsync(x => x.Reference == CaseloadFile.Reference(10))).Status);
            Assert.Equal(CaseStatus.Review, (await db.Cases.SingleAsync(x => x.Reference == CaseloadFile.Reference(11))).Status);
        }

        var again = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.csv", file);
        Assert.Equal(100, again.UnchangedRows);
        Assert.False(again.CanSave);
        Assert.Equal(new ImportSaved(0, 100), await Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.csv", file));
        Assert.Equal(100, await CasesAsync());
        Assert.Equal(1, await AuditEntriesAsync("Imported"));
    }

    [Fact]
    public async Task One_bad_row_is_named_with_its_line_and_nothing_is_saved_until_it_is_fixed()
    {
        var bad = CaseloadFile.Csv(20, change: (i, row) => { if (i == 4) row[2] = "sometime in 1985"; });

        var preview = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.csv", bad);

        var problem = Assert.Single(preview.Rows, r => r.Outcome == ImportRowOutcome.Problem);
        Assert.Equal(6, problem.Line);
        Assert.Contains(problem.Problems, p => p.Contains("Date of birth \"sometime in 1985\" is not a date"));
        Assert.False(preview.CanSave);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.csv", bad));
        Assert.Contains("nothing was saved", refused.Message);
        Assert.Equal(0, await CasesAsync());

        var fixedFile = CaseloadFile.Csv(20);
        Assert.Equal(20, (await Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.csv", fixedFile)).Added);
    }

    [Fact]
    public async Task Every_row_problem_is_shown_missing_fields_bad_dates_duplicates_and_repeats_of_cases_held()
    {
        await world.AddCaseAsync(new CaseBuilder().Named("Dean Alder").WithReference("OLD-1").AcceptedOn(new DateOnly(2026, 2, 1)).Build());
        var rows = new List<string[]>
        {
            CaseloadFile.Row(0), CaseloadFile.Row(0), // the same reference and person twice
            CaseloadFile.Row(2), CaseloadFile.Row(3), CaseloadFile.Row(4),
        };
        rows[2][1] = ""; // no name
        rows[3][8] = "Closed"; // not an open case
        rows[4][1] = "Dean Alder";
        rows[4][2] = "1985-04-12"; // CaseBuilder's date of birth: the same person as OLD-1
        var file = Csv(CaseloadFile.Headings, rows);

        var preview = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.csv", file);

        Assert.Equal(5, preview.RowsWithProblems);
        Assert.Contains(preview.Rows[0].Problems, p => p.Contains("is on more than one row (rows 2, 3)"));
        Assert.Contains(preview.Rows[2].Problems, p => p == "Perpetrator name is missing.");
        Assert.Contains(preview.Rows[3].Problems, p => p.StartsWith("Status \"Closed\" is not an open case's"));
        Assert.Contains(preview.Rows[4].Problems, p => p.StartsWith("Possible repeat of OLD-1"));
        await Assert.ThrowsAsync<InvalidInputException>(() => Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.csv", file));
        Assert.Equal(1, await CasesAsync());
    }

    public static TheoryData<string, string, string> UnreadableFiles => new()
    {
        { "minutes.pdf", "%PDF-1.7 a document", "is not a CSV or Excel (.xlsx) file" },
        { "caseload.csv", "", "The file is empty" },
        { "caseload.xlsx", "Reference,Perpetrator name", "is not an Excel workbook" },
        { "caseload.csv", "Reference,Perpetrator name,Date of birth,Victim-survivors,Referral source,Referral date,Status\r\n", "has a header row but no rows" },
        { "caseload.csv", "Reference,Perpetrator,Shoe size,Date of birth,Victim-survivors,Referral source,Referral date,Status\r\nX-1,A B,9,1980-01-01,V,Police,2025-01-01,Referred\r\n", "Unknown column: \"Shoe size\"" },
        { "caseload.csv", "Reference,Date of birth\r\nX-1,1980-01-01\r\n", "Missing columns: Perpetrator name, Victim-survivors, Referral source, Referral date, Status." },
    };

    [Theory, MemberData(nameof(UnreadableFiles))]
    public async Task A_file_that_cannot_be_imported_is_refused_as_a_whole_with_what_to_do(string fileName, string content, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(content);

        var preview = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, fileName, bytes);

        Assert.Contains(preview.FileProblems, p => p.Contains(expected));
        Assert.Empty(preview.Rows);
        await Assert.ThrowsAsync<InvalidInputException>(() => Caseload.SaveAsync(world.Administrator, world.Panel.Id, fileName, bytes));
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task A_file_of_100000_rows_is_refused_as_a_whole()
    {
        var text = new StringBuilder(string.Join(',', CaseloadFile.Headings)).Append("\r\n");
        for (var i = 0; i < 100_000; i++) text.Append($"R-{i},P {i},1980-01-01,,V,Police,2025-01-01,Referred,,,\r\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        var preview = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.csv", bytes);

        Assert.Contains(preview.FileProblems, p => p.Contains("imports at most 5,000 at a time") || p.Contains("an import is at most 5 MB"));
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task Formulas_in_a_workbook_and_formula_text_in_a_csv_are_row_problems()
    {
        var rows = new[] { CaseloadFile.Row(0), CaseloadFile.Row(1) };
        var workbook = Workbook(CaseloadFile.Headings, rows, formulaAt: (2, 5, "1+1"));
        rows[0][4] = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        var csv = Csv(CaseloadFile.Headings, rows);

        var fromWorkbook = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.xlsx", workbook);
        var fromCsv = await Caseload.PreviewAsync(world.Administrator, world.Panel.Id, "caseload.csv", csv);

        Assert.Contains(fromWorkbook.Rows[1].Problems, p => p.Contains("Children count (cell F3) is a formula"));
        Assert.Equal(ImportRowOutcome.New, fromWorkbook.Rows[0].Outcome);
        Assert.Contains(fromCsv.Rows[0].Problems, p => p.Contains("Victim-survivors starts with \"=\""));
        await Assert.ThrowsAsync<InvalidInputException>(() => Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.xlsx", workbook));
        Assert.Equal(0, await CasesAsync());
    }

    [Fact]
    public async Task A_workbook_caseload_with_date_cells_imports_like_its_csv()
    {
        var rows = Enumerable.Range(0, 12).Select(i => CaseloadFile.Row(i)).ToArray();
        var workbook = Workbook(CaseloadFile.Headings, rows, dateColumns: [2, 7, 9, 10]);

        var saved = await Caseload.SaveAsync(world.Administrator, world.Panel.Id, "caseload.xlsx", workbook);

        Assert.Equal(12, saved.Added);
        await using var db = world.Db.CreateDbContext();
        var c = await db.Cases.SingleAsync(x => x.Reference == CaseloadFile.Reference(3));
        Assert.Equal(DateOnly.Parse(CaseloadFile.Row(3)[2]), c.Perpetrator.DateOfBirth);
    }

    [Fact]
    public async Task People_are_imported_with_sign_ins_awaiting_a_first_password_and_chairs_chair_the_panel()
    {
        var file = Encoding.UTF8.GetBytes("""
            Full name,Email,Job title,Agency,Role
            Kim Curlew,kim.curlew@police.example,Analyst,Police,Agency member
            Sam Kestrel,sam.kestrel@police.example,DI,Police,Chair
            Lee Unknown,lee@nowhere.example,,Borough Ferries,Agency member
            """);

        var preview = await People.PreviewAsync(world.Administrator, world.Panel.Id, "people.csv", file);
        var unknown = Assert.Single(preview.Rows, r => r.Outcome == ImportRowOutcome.Problem);
        Assert.Contains(unknown.Problems, p => p.StartsWith("Unknown agency \"Borough Ferries\""));
        await Assert.ThrowsAsync<InvalidInputException>(() => People.SaveAsync(world.Administrator, world.Panel.Id, "people.csv", file));

        var fixedFile = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace("Borough Ferries", "Probation"));
        Assert.Equal(3, (await People.SaveAsync(world.Administrator, world.Panel.Id, "people.csv", fixedFile)).Added);
        Assert.Equal(new ImportSaved(0, 3), await People.SaveAsync(world.Administrator, world.Panel.Id, "people.csv", fixedFile));

        await using var db = world.Db.CreateDbContext();
        var sam = await db.People.SingleAsync(p => p.Email == "sam.kestrel@police.example");
        Assert.True(await db.PanelChairs.AnyAsync(c => c.PanelId == world.Panel.Id && c.PersonId == sam.Id));
        var signIn = await db.Users.SingleAsync(u => u.PersonId == sam.Id);
        Assert.Null(signIn.PasswordHash);
    }

    [Fact]
    public async Task Only_administrators_import()
    {
        var file = CaseloadFile.Csv(1);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Caseload.PreviewAsync(world.Chair, world.Panel.Id, "caseload.csv", file));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Caseload.SaveAsync(world.Police, world.Panel.Id, "caseload.csv", file));
        await Assert.ThrowsAsync<AccessDeniedException>(() => People.SaveAsync(world.Chair, world.Panel.Id, "people.csv", file));
        Assert.Equal(0, await CasesAsync());
    }

    static byte[] Csv(IEnumerable<string> headings, IEnumerable<string[]> rows) => Encoding.UTF8.GetBytes(
        string.Join(',', headings.Select(CaseloadFile.Quote)) + "\r\n"
        + string.Concat(rows.Select(r => string.Join(',', r.Select(CaseloadFile.Quote)) + "\r\n")));

    /// <summary>A workbook as a spreadsheet saves one: text cells, date cells as day numbers, and optionally a formula.</summary>
    static byte[] Workbook(string[] headings, IReadOnlyList<string[]> rows, (int Row, int Column, string Formula)? formulaAt = null,
        int[]? dateColumns = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var all = new List<string[]> { headings };
            all.AddRange(rows);
            for (var r = 0; r < all.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < all[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (formulaAt is { } f && f.Row == r && f.Column == c)
                        row.Append(new Cell { CellReference = reference, CellFormula = new CellFormula(f.Formula), CellValue = new CellValue("2") });
                    else if (r > 0 && dateColumns?.Contains(c) == true && all[r][c].Length > 0)
                        row.Append(new Cell
                        {
                            CellReference = reference,
                            CellValue = new CellValue(DateOnly.Parse(all[r][c]).ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        });
                    else
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(all[r][c])) });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Caseload" });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}
