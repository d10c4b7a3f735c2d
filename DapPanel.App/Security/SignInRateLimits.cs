using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DapPanel.App.Security;

/// <summary>
/// Sign-in and code attempts per network address, by the framework's rate limiter; the per-account limit is
/// <see cref="SignInGuard"/>'s. Reading the pages is never limited, only sending the forms.
/// </summary>
public static class SignInRateLimits
{
    public const string Policy = "sign-in";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const string TooManyPage = """
        <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Too many attempts · DapPanel</title></head>
        <body><h1>Too many sign-in attempts</h1>
        <p>Too many sign-in attempts came from your network in the last minute. Wait a minute, then
        <a href="/account/login">sign in again</a>.</p></body></html>
        """;

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, SecuritySettings settings) =>
        services.AddRateLimiter(limits =>
        {
            limits.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = settings.SignInAttemptsPerAddress, Window = Window, SegmentsPerWindow = 6, QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("reading"));
            limits.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString();
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(TooManyPage, cancellationToken);
            };
        });
}
