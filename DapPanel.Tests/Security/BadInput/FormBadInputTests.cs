using System.Net;
using System.Text.RegularExpressions;
using DapPanel.Core.Agenda;
using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.Research;
using DapPanel.Tests.Security.Matrix;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Security.BadInput;

/// <summary>Hostile text in the sign-in form and in the free-text boxes of research, apologies and the agenda.</summary>
[Collection(MatrixCollection.Name)]
[Trait("Category", "Slow")]
public partial class FormBadInputTests(MatrixWorld world)
{
    public static TheoryData<string, int> SignInCases() => HostileText.For("Email", "Password");

    [Theory]
    [MemberData(nameof(SignInCases))]
    public async Task The_sign_in_form_refuses_hostile_text_plainly(string field, int input)
    {
        var value = HostileText.All[input].Value;
        using var client = world.Server.CreateClient();
        var form = await client.GetStringAsync("/account/login");

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value),
            // Nobody's account: a hundred failed sign-ins would lock a real one out.
            ["Input.Email"] = field == "Email" ? value : "nobody@dappanel.example",
            ["Input.Password"] = field == "Password" ? value : "not the password",
        }));

        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("DapPanel.Auth=") && !c.Contains("expires=Thu, 01 Jan 1970")));
        await AccountFormRefusedPlainlyAsync(client, response, value);
    }

    public static TheoryData<string, int> PasswordCases() => HostileText.For("Current", "New", "Confirm");

    [Theory]
    [MemberData(nameof(PasswordCases))]
    public async Task The_change_password_form_refuses_hostile_text_plainly_and_changes_nothing(string field, int input)
    {
        var value = HostileText.All[input].Value;
        using var client = await world.Server.SignedInClientAsync("housing@dappanel.example");
        var form = await client.GetStringAsync("/account/password");

        // A wrong current password wherever the hostile text is not it: nothing may change on the shared server.
        var response = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value),
            ["Input.Current"] = field == "Current" ? value : "not the password",
            ["Input.New"] = field == "New" ? value : "Another-long-password-2",
            ["Input.Confirm"] = field == "Confirm" ? value : field == "New" ? value : "Another-long-password-2",
        }));

        var page = await AccountFormRefusedPlainlyAsync(client, response, value);
        Assert.DoesNotContain("password-changed", page);
    }

    /// <summary>
    /// An account form (static, posted) given hostile text comes back with a plain message and never echoes markup.
    /// A NUL never leaves a browser's form and the framework cannot read one: the form comes back, saying so.
    /// </summary>
    static async Task<string> AccountFormRefusedPlainlyAsync(HttpClient client, HttpResponseMessage response, string value)
    {
        var page = await response.Content.ReadAsStringAsync();
        if (value.Contains('\0'))
        {
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            page = await client.GetStringAsync(response.Headers.Location!.OriginalString);
            Assert.Contains("could not be read", page);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches("account-(error|validation)", page);
        }
        Assert.DoesNotContain(HostileText.Script, page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.DoesNotContain("<svg/onload", page);
        return page;
    }

    public static TheoryData<string, int> FreeTextCases() => HostileText.For("ResearchNotes", "ApologiesNote", "AgendaFocus");

    [Theory]
    [MemberData(nameof(FreeTextCases))]
    public async Task A_free_text_box_takes_hostile_text_safely(string field, int input)
    {
        var (name, value) = HostileText.All[input];
        var meeting = await world.Server.CreateAsync(items: 1, daysAhead: 10);
        var services = world.Server.Services;
        string? refusal = null;
        try
        {
            switch (field)
            {
                case "ResearchNotes":
                    var probation = await world.Server.DemoAsync(Persona.PanelMember.Email()!, Role.AgencyMember);
                    await services.GetRequiredService<IResearchService>().AnswerAsync(probation, new ResearchAnswerInput
                    {
                        MeetingId = meeting.Id, CaseId = meeting.CaseIds[0], AgencyId = probation.AgencyId,
                        Answer = ResearchAnswer.NotKnown, Notes = value,
                    });
                    break;
                case "ApologiesNote":
                    var housing = await world.Server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
                    await services.GetRequiredService<IAttendanceService>().SendApologiesAsync(housing, Guid.NewGuid(), meeting.Id, true, value);
                    break;
                default:
                    var admin = await world.Server.DemoAsync(Persona.Administrator.Email()!, Role.Administrator);
                    var version = await world.Server.ReadAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());
                    await services.GetRequiredService<IAgendaService>().UpdateItemAsync(admin, meeting.Id, version, meeting.ItemIds[0], 10, value);
                    break;
            }
        }
        catch (UserFacingException problem)
        {
            refusal = problem.Message;
        }

        var stored = await StoredAsync(field, meeting.Id);
        if (refusal is not null)
        {
            HostileText.AssertClear(refusal);
            Assert.True(stored is null || !stored.Contains(value.Trim()), $"{field} kept {name} although it was refused.");
        }
        if (field == "ApologiesNote" && PlainText.IsBlank(value))
            Assert.NotNull(refusal); // apologies with information sent must say what was sent
        if (value.Length > 10_000) Assert.NotNull(refusal);
        HostileText.AssertStorable(stored);
    }

    Task<string?> StoredAsync(string field, Guid meetingId) => world.Server.ReadAsync(db => field switch
    {
        "ResearchNotes" => db.AgencyResearch.Where(r => r.MeetingId == meetingId).Select(r => r.Notes).SingleOrDefaultAsync(),
        "ApologiesNote" => db.Attendances.Where(a => a.MeetingId == meetingId).Select(a => a.Note).SingleOrDefaultAsync(),
        _ => db.AgendaItems.Where(i => i.MeetingId == meetingId).Select(i => i.Focus).SingleOrDefaultAsync(),
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
