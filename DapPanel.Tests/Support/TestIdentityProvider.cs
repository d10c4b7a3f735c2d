using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DapPanel.Tests.Support;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port, with a login page of its own, standing in for an
/// agency's Microsoft Entra ID. It is reached as "localhost" while DapPanel is reached as 127.0.0.1, so the browser
/// treats the two as different sites, as it does in production. Its ID tokens can be spoiled on the way out
/// (<see cref="Spoil"/>), signed with its own key where the test needs a valid signature.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "dappanel";
    public const string ClientSecret = "test-provider-client-secret-0123456789";
    const string SessionScheme = "TestProvider";

    readonly ConcurrentDictionary<string, ProviderAccount> accounts = new(StringComparer.OrdinalIgnoreCase);
    readonly RSA signingRsa = RSA.Create(2048);
    readonly string storeFile = Path.Combine(Path.GetTempPath(), "dappanel-tests", $"provider-{Guid.NewGuid():N}.db");
    WebApplication? app;

    public string Authority { get; private set; } = "";

    /// <summary>How the next ID tokens are spoiled; none by default.</summary>
    public TokenSpoiling Spoil { get; set; }

    /// <summary>Sign-outs the provider was asked for (its end-session endpoint).</summary>
    public int EndSessionRequests;

    public ProviderAccount Add(string email, bool assertsTwoFactor = false, bool emailVerified = true)
    {
        var account = new ProviderAccount(email, Guid.NewGuid().ToString("N")) { AssertsTwoFactor = assertsTwoFactor, EmailVerified = emailVerified };
        accounts[email] = account;
        return account;
    }

    /// <summary>The same account (same subject id) under another email, as when someone's name changes.</summary>
    public void Replace(string oldEmail, ProviderAccount account)
    {
        accounts.TryRemove(oldEmail, out _);
        accounts[account.Email] = account;
    }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var provider = new TestIdentityProvider();
        await provider.InitializeAsync();
        return provider;
    }

    async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(storeFile)!);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderStore>(db =>
        {
            db.UseSqlite($"Data Source={storeFile}");
            db.UseOpenIddict();
        });
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, cookie =>
        {
            cookie.Cookie.Name = "TestProvider.Session";
            cookie.LoginPath = "/login";
        });
        var signingKey = new RsaSecurityKey(signingRsa) { KeyId = "test-provider-key" };
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                server.AddSigningKey(signingKey).AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
                server.UseAspNetCore().DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough();
            });
        app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync();

        app.Use(SpoilTokensAsync);
        app.UseAuthentication();
        app.MapGet("/login", (string? returnUrl) => LoginPage(returnUrl, null));
        app.MapPost("/login", (Delegate)LogInAsync).DisableAntiforgery();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        app.MapMethods("/connect/endsession", ["GET", "POST"], (Delegate)EndSessionAsync);
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        Authority = $"http://localhost:{port}/";
    }

    /// <summary>Registers DapPanel (at its loopback address) as a confidential client with this provider.</summary>
    public async Task RegisterAsync(string dapPanelBaseUrl, string providerName)
    {
        var baseUrl = dapPanelBaseUrl.TrimEnd('/');
        await using var scope = app!.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId, ClientSecret = ClientSecret, ClientType = ClientTypes.Confidential, DisplayName = "DapPanel",
            RedirectUris = { new Uri($"{baseUrl}/signin-oidc/{providerName}") },
            PostLogoutRedirectUris = { new Uri($"{baseUrl}/signout-callback-oidc/{providerName}") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>The provider's login page: email and password, as the tests' people type them.</summary>
    static IResult LoginPage(string? returnUrl, string? error) => Results.Content($"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Agency sign-in</title></head><body>
        <h1>Agency sign-in</h1>
        {(error is null ? "" : $"<p id=\"provider-error\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
          <label>Work email <input id="provider-email" name="email" type="email"></label>
          <label>Password <input id="provider-password" name="password" type="password"></label>
          <button id="provider-sign-in" type="submit">Sign in</button>
        </form></body></html>
        """, "text/html; charset=utf-8");

    async Task<IResult> LogInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!accounts.TryGetValue(form["email"].ToString(), out var account) || form["password"] != account.Password)
            return LoginPage(returnUrl, "Wrong email or password.");
        await context.SignInAsync(SessionScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", account.Email)], SessionScheme)));
        return Results.Redirect(returnUrl.StartsWith('/') ? returnUrl : "/");
    }

    async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(SessionScheme);
        if (!session.Succeeded || session.Principal.FindFirst("email") is not { } email || !accounts.TryGetValue(email.Value, out var account))
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString },
                [SessionScheme]);
        if (account.Disabled)
        {
            // As a directory does for a disabled account: the client is told access was denied.
            await context.SignOutAsync(SessionScheme);
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account is disabled.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Subject).SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.Name, "Provider Person")
            .AddClaim(new Claim(Claims.EmailVerified, account.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.SetClaims(Claims.AuthenticationMethodReference, account.AssertsTwoFactor ? ["pwd", "mfa"] : ["pwd"]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    async Task<IResult> EndSessionAsync(HttpContext context)
    {
        Interlocked.Increment(ref EndSessionRequests);
        await context.SignOutAsync(SessionScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Spoils the ID token in the token endpoint's answer, as an attacker or a misconfigured provider would.</summary>
    async Task SpoilTokensAsync(HttpContext context, RequestDelegate next)
    {
        var spoil = Spoil;
        if (spoil == TokenSpoiling.None || context.Request.Path != "/connect/token")
        {
            await next(context);
            return;
        }
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await next(context);
        context.Response.Body = body;
        var answer = JsonNode.Parse(buffer.ToArray())!.AsObject();
        if (answer["id_token"]?.GetValue<string>() is { } idToken) answer["id_token"] = Spoiled(idToken, spoil);
        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        context.Response.ContentLength = bytes.Length;
        await body.WriteAsync(bytes);
    }

    string Spoiled(string idToken, TokenSpoiling spoil)
    {
        var parts = idToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[1]))!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (spoil)
        {
            case TokenSpoiling.Tampered:
                // Someone changed whose token it is; the signature is the provider's, over the old content.
                payload["email"] = "someone-else@probation.example";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
            case TokenSpoiling.WrongIssuer: payload["iss"] = "http://localhost:1/"; break;
            case TokenSpoiling.WrongAudience: payload["aud"] = "another-application"; break;
            case TokenSpoiling.Expired:
                payload["iat"] = now - 7200;
                payload["nbf"] = now - 7200;
                payload["exp"] = now - 3600;
                break;
        }
        // Signed with the provider's own key: only the spoiled claim is wrong.
        var signed = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}";
        var signature = signingRsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64UrlEncoder.Encode(signature)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        signingRsa.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { File.Delete(storeFile); } catch (IOException) { }
    }

    sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}

/// <summary>A person's account at the test provider.</summary>
public sealed record ProviderAccount(string Email, string Subject)
{
    public string Password { get; init; } = "Provider-password-1";
    public bool AssertsTwoFactor { get; set; }
    public bool EmailVerified { get; set; }
    /// <summary>Disabled at the provider, as when someone leaves their agency.</summary>
    public bool Disabled { get; set; }
}

public enum TokenSpoiling { None, Tampered, WrongIssuer, WrongAudience, Expired }
