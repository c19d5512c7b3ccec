using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Docs.Api.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Bearer tokens of any OpenID Connect provider (<c>Identity:Authority</c>, <c>Identity:Audience</c>),
    /// validated with the provider's published keys; a valid token provisions its user just in time.
    /// Refusals are RFC 7807 problem details with the reason, and the standard <c>WWW-Authenticate</c> header.
    /// </summary>
    public static IHostApplicationBuilder AddBearerAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IdentitySettings.SectionName);
        builder.Services.Configure<IdentitySettings>(section);
        var settings = section.Get<IdentitySettings>() ?? new IdentitySettings();
        if (string.IsNullOrWhiteSpace(settings.Authority))
        {
            throw new InvalidOperationException("Identity:Authority is not set: give the OpenID Connect issuer, such as https://keycloak.example.org/realms/impress.");
        }

        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<UserProvisioning>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = settings.Authority;
                options.Audience = settings.Audience;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSsaPssSha256],
                    ClockSkew = settings.ClockSkew,
                    NameClaimType = DocsClaims.Name,
                };
            });
        // Validating a token (RS256 signature, claims) is the costliest step of a call: each token string is validated once.
        builder.Services.AddSingleton<AuthenticatedTokens>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AuthenticatedTokens>((options, remembered) => options.Events = new JwtBearerEvents
            {
                OnMessageReceived = remembered.SignInIfRememberedAsync,
                OnTokenValidated = async context =>
                {
                    await ProvisionAsync(context);
                    if (context.Result is null)
                    {
                        remembered.Remember(context);
                    }
                },
                OnChallenge = BearerProblems.WriteChallengeAsync,
                OnForbidden = BearerProblems.WriteForbiddenAsync,
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    private static async Task ProvisionAsync(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirstValue(DocsClaims.Subject) is null)
        {
            context.Fail("The access token names no subject.");
            return;
        }
        var provisioning = context.HttpContext.RequestServices.GetRequiredService<UserProvisioning>();
        var user = await provisioning.EnsureUserAsync(context.Principal, context.HttpContext.RequestAborted);
        if (!user.IsActive)
        {
            context.Fail("This account is disabled.");
            return;
        }
        ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim(DocsClaims.UserId, user.Id.ToString()));
    }
}
