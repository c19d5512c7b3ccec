using System.Net;
using System.Net.Http.Headers;
using Docs.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Docs.IntegrationTests.Api;

/// <summary>The Hangfire dashboard of Docs.Worker is for staff only.</summary>
[Collection(StackCollection.Name)]
public sealed class WorkerDashboardTests(StackFixture stack)
{
    [Fact]
    public async Task Only_staff_reach_the_jobs_dashboard()
    {
        var sub = Guid.NewGuid().ToString();
        var token = new SignIn.IdentityProvider(stack.App).Mint(new Dictionary<string, object> { ["sub"] = sub, ["email"] = $"{sub}@example.org" });
        using (var api = new ApiClient(stack.App, token))
        {
            await api.GetJsonAsync("/api/v1.0/users/me/"); // provisions the user
        }
        using var worker = stack.App.CreateHttpClient("worker");

        using (var anonymous = await worker.GetAsync(new Uri("/hangfire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        worker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var notStaff = await worker.GetAsync(new Uri("/hangfire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        }

        await using (var db = new DocsDbContext(new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(stack.App.GetConnectionString("docsdb")).Options))
        {
            await db.Users.Where(u => u.Sub == sub).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, true));
        }
        using var staff = await worker.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains("Hangfire", await staff.Content.ReadAsStringAsync());
    }
}
