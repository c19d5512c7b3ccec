using Docs.Core.Data;
using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Docs.Worker.Dashboard;

/// <summary>The Hangfire dashboard is for staff: a valid bearer token whose user has <c>is_staff</c>.</summary>
public sealed class StaffOnlyDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(http);
        var sub = result.Principal?.FindFirst("sub")?.Value;
        if (!result.Succeeded || sub is null)
        {
            return false;
        }
        var db = http.RequestServices.GetRequiredService<DocsDbContext>();
        return await db.Users.AnyAsync(u => u.Sub == sub && u.IsStaff && u.IsActive, http.RequestAborted);
    }
}
