using DapPanel.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace DapPanel.Tests.Support;

public static class Authenticator
{
    /// <summary>The code an authenticator app shows for this key at this moment (the key as the page shows it).</summary>
    public static string Code(string sharedKey, DateTime? at = null) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "").ToUpperInvariant())).ComputeTotp(at ?? DateTime.UtcNow);

    /// <summary>Enrols a demo person's authenticator directly, as if they had used the enrolment page; returns the key.</summary>
    public static async Task<string> EnrolAsync(this TestServer server, string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo sign-in {email}.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
