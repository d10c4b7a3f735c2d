using System.Text.RegularExpressions;
using DapPanel.App.Hosting;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Setup;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapPanel.Tests.GoLive;

/// <summary>
/// Starting outside Development: an empty database gets a one-time setup address (a new one each start, refused once
/// used, replaced or an administrator exists), never the demo; a database holding the demo refuses to start and says
/// why, unless it is a training site, whose demo password is then made random and printed once.
/// </summary>
[Trait("Category", "Slow")]
public class StartingUpTests : IDisposable
{
    readonly string dataFolder = Path.Combine(Path.GetTempPath(), "dappanel-tests", "golive-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }

    static readonly Regex SetupAddress = new(@"http://\S+/setup/first-administrator\?token=[A-Za-z0-9_-]+");

    /// <summary>The app in Production on this test's data folder, its log captured; the caller stops it.</summary>
    async Task<(TestServer Server, CapturedLogs Logs)> StartProductionAsync(Action<WebApplicationBuilder>? more = null)
    {
        var logs = new CapturedLogs();
        var server = new TestServer
        {
            DataFolder = dataFolder,
            Configure = builder =>
            {
                builder.Environment.EnvironmentName = Environments.Production;
                builder.Logging.AddProvider(logs);
                more?.Invoke(builder);
            },
        };
        await server.InitializeAsync();
        return (server, logs);
    }

    static string? AddressIn(CapturedLogs logs) =>
        logs.Entries.Select(e => SetupAddress.Match(e.Message)).FirstOrDefault(m => m.Success)?.Value;

    static string TokenOf(string address) => address[(address.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    [Fact]
    public async Task An_empty_production_database_gets_no_demo_and_a_setup_address_that_works_once_and_never_after()
    {
        var (first, firstLogs) = await StartProductionAsync();
        string oldAddress;
        try
        {
            Assert.Empty(await first.Services.GetRequiredService<DemoSignIns>().PresentAsync());
            oldAddress = AddressIn(firstLogs) ?? throw new Xunit.Sdk.XunitException("The first start logged no setup address.");
        }
        finally { await first.StopAsync(); }

        var (second, secondLogs) = await StartProductionAsync();
        try
        {
            var setup = second.Services.GetRequiredService<FirstRunSetup>();
            var address = AddressIn(secondLogs) ?? throw new Xunit.Sdk.XunitException("The second start logged no setup address.");
            Assert.NotEqual(oldAddress, address);
            Assert.Equal(SetupTokenCheck.ReplacedText, (await setup.CheckAsync(TokenOf(oldAddress))).Refusal);
            Assert.Equal(SetupTokenCheck.UnknownText, (await setup.CheckAsync(TokenOf(address) + "x")).Refusal);
            Assert.True((await setup.CheckAsync(TokenOf(address))).IsValid);

            var weak = new FirstAdministratorInput
            {
                FullName = "Jo Linnet", Organisation = "Community Safety", Email = "jo.linnet@council.example", Password = "short", ConfirmPassword = "short",
            };
            await Assert.ThrowsAsync<DapPanel.Core.Domain.InvalidInputException>(() => setup.CreateFirstAdministratorAsync(TokenOf(address), weak));
            Assert.True((await setup.CheckAsync(TokenOf(address))).IsValid);

            var input = new FirstAdministratorInput
            {
                FullName = "Jo Linnet", JobTitle = "Panel coordinator", Organisation = "Community Safety",
                Email = "jo.linnet@council.example", Password = "Go-live-panel-2027!", ConfirmPassword = "Go-live-panel-2027!",
            };
            var created = await setup.CreateFirstAdministratorAsync(TokenOf(address), input);
            Assert.Equal("jo.linnet@council.example", created.Email);
            input.Email = "someone.else@council.example";
            await Assert.ThrowsAsync<DapPanel.Core.Domain.AccessDeniedException>(() => setup.CreateFirstAdministratorAsync(TokenOf(address), input));
            Assert.Equal(SetupTokenCheck.AdministratorExistsText, (await setup.CheckAsync(TokenOf(address))).Refusal);
            Assert.Null(await setup.IssueAsync(DapPanel.Core.Domain.SetupTokenSource.Command));
        }
        finally { await second.StopAsync(); }

        var (third, thirdLogs) = await StartProductionAsync();
        try
        {
            Assert.Null(AddressIn(thirdLogs));
            Assert.Equal(SetupTokenCheck.AdministratorExistsText,
                (await third.Services.GetRequiredService<FirstRunSetup>().CheckAsync(TokenOf(oldAddress))).Refusal);
        }
        finally { await third.StopAsync(); }
    }

    [Fact]
    public async Task A_wrong_setup_address_gets_a_clear_page_and_a_right_one_expires_after_24_hours()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        var server = new TestServer
        {
            DataFolder = dataFolder, Clock = clock,
            Configure = builder => { builder.Environment.EnvironmentName = Environments.Production; builder.Logging.AddProvider(logs); },
        };
        await server.InitializeAsync();
        try
        {
            var address = AddressIn(logs) ?? throw new Xunit.Sdk.XunitException("The start logged no setup address.");
            // Production: plain http is sent to https, so the requests come as through the TLS-ending proxy.
            using var client = new ProxiedClient(server.BaseUrl);
            var wrong = await (await client.GetAsync(FirstRunSetup.PagePath + "?token=" + TokenOf(address)[..^2] + "xx")).Content.ReadAsStringAsync();
            Assert.Contains(System.Net.WebUtility.HtmlEncode(SetupTokenCheck.UnknownText), wrong);
            Assert.DoesNotContain("id=\"full-name\"", wrong);
            Assert.Contains("id=\"full-name\"", await (await client.GetAsync(new Uri(address).PathAndQuery)).Content.ReadAsStringAsync());

            clock.Advance(TimeSpan.FromHours(24));
            Assert.Equal(SetupTokenCheck.ExpiredText, (await server.Services.GetRequiredService<FirstRunSetup>().CheckAsync(TokenOf(address))).Refusal);
            var expired = await (await client.GetAsync(new Uri(address).PathAndQuery)).Content.ReadAsStringAsync();
            Assert.Contains(System.Net.WebUtility.HtmlEncode(SetupTokenCheck.ExpiredText), expired);
            Assert.DoesNotContain("id=\"full-name\"", expired);
        }
        finally { await server.StopAsync(); }
    }

    [Fact]
    public async Task A_production_instance_whose_database_holds_the_demo_refuses_to_start_and_says_why_and_what_to_do()
    {
        // The demo as a developer's run leaves it.
        var development = new TestServer { DataFolder = dataFolder };
        await development.InitializeAsync();
        await development.StopAsync();

        var (exitCode, output) = await AppProcess.RunAsync([], ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("Storage__DataFolder", dataFolder), ("ASPNETCORE_URLS", "http://127.0.0.1:0"));

        Assert.Equal(1, exitCode);
        Assert.Contains("DapPanel will not start: this database holds the demo panel's sign-ins", output);
        Assert.Contains(Path.Combine(dataFolder, "dappanel.db"), output);
        Assert.Contains("Demo:AllowInProduction=true", output);
        Assert.DoesNotContain(DemoLogins.Password, output);
    }

    [Fact]
    public async Task Asking_for_the_demo_outside_development_without_saying_it_is_a_training_site_refuses_to_start()
    {
        var (exitCode, output) = await AppProcess.RunAsync([], ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("Storage__DataFolder", dataFolder), ("Demo__SeedOnFirstRun", "true"), ("ASPNETCORE_URLS", "http://127.0.0.1:0"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Demo:SeedOnFirstRun is true outside Development", output);
        Assert.False(File.Exists(Path.Combine(dataFolder, "dappanel.db")), "The refused start wrote a database.");
    }

    [Fact]
    public async Task A_training_site_gets_the_demo_with_a_random_password_printed_once()
    {
        var (server, logs) = await StartProductionAsync(builder =>
        {
            builder.Configuration["Demo:SeedOnFirstRun"] = "true";
            builder.Configuration["Demo:AllowInProduction"] = "true";
        });
        try
        {
            var printed = logs.Entries.Select(e => Regex.Match(e.Message, @"password (Training-\S+)"))
                .FirstOrDefault(m => m.Success)?.Groups[1].Value ?? throw new Xunit.Sdk.XunitException("No training password was printed.");
            await using var scope = server.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
            var chair = (await users.FindByEmailAsync("chair@dappanel.example"))!;
            Assert.False(await users.CheckPasswordAsync(chair, DemoLogins.Password));
            Assert.True(await users.CheckPasswordAsync(chair, printed));
            Assert.Null(AddressIn(logs));
        }
        finally { await server.StopAsync(); }

        var (again, againLogs) = await StartProductionAsync(builder => builder.Configuration["Demo:AllowInProduction"] = "true");
        try
        {
            Assert.DoesNotContain(againLogs.Entries, e => e.Message.Contains("Training-"));
        }
        finally { await again.StopAsync(); }
    }

    [Fact]
    public async Task The_setup_command_prints_a_one_time_address_for_the_named_administrator_and_exits()
    {
        var (exitCode, output) = await AppProcess.RunAsync(["setup", "--admin-email", "jo.linnet@council.example"],
            ("ASPNETCORE_ENVIRONMENT", "Production"), ("Storage__DataFolder", dataFolder), ("Email__AppBaseUrl", "https://dapp.council.example"));

        Assert.Equal(0, exitCode);
        var address = Regex.Match(output, @"https://dapp\.council\.example/setup/first-administrator\?token=([A-Za-z0-9_-]+)");
        Assert.True(address.Success, output);

        var (server, _) = await StartProductionAsync();
        try
        {
            var check = await server.Services.GetRequiredService<FirstRunSetup>().CheckAsync(address.Groups[1].Value);
            Assert.True(check.IsValid, check.Refusal);
            Assert.Equal("jo.linnet@council.example", check.AdministratorEmail);
        }
        finally { await server.StopAsync(); }

        var (badExit, badOutput) = await AppProcess.RunAsync(["setup", "--admin-email", "not an address"],
            ("ASPNETCORE_ENVIRONMENT", "Production"), ("Storage__DataFolder", dataFolder));
        Assert.Equal(1, badExit);
        Assert.Contains("\"not an address\" is not an email address.", badOutput);
    }
}
