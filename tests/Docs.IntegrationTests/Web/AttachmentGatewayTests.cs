using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Docs.IntegrationTests.Web;

/// <summary>Attachments through Docs.Web, the browser's origin: uploads past the web server's own body limit, and served media keep their sandbox.</summary>
[Collection(StackCollection.Name)]
public sealed class AttachmentGatewayTests(StackFixture stack)
{
    [Fact]
    public async Task Media_served_through_the_gateway_stay_sandboxed_and_byte_for_byte()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Through the gateway");
        using var web = Gateway(alice);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(2 * 1024 * 1024)];

        using var uploaded = await web.PostAsync(new Uri($"/api/v1.0/documents/{id}/attachment-upload/", UriKind.Relative), Form(png));
        var url = (await Person.ExpectAsync(uploaded, HttpStatusCode.Created)).GetProperty("file").GetString()!;

        using var served = await web.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        // The site's own policy may be added, but the upstream's sandbox must survive (every policy given is enforced).
        Assert.Contains(served.Headers.GetValues("Content-Security-Policy"), policy => policy.Trim() == "sandbox");
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_upload_larger_than_the_web_servers_default_limit_reaches_the_api_which_answers_with_its_problem()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Very large");
        using var web = Gateway(alice);
        // Kestrel's default request limit is 30,000,000 bytes: the API's own limit (Media:MaxUploadBytes) must be the one that answers.
        var huge = new byte[31_000_000];
        huge[0] = 0x89;

        using var refused = await web.PostAsync(new Uri($"/api/v1.0/documents/{id}/attachment-upload/", UriKind.Relative), Form(huge));
        Assert.Contains("limit", (await Person.ProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString());
    }

    /// <summary>The web front as a script calls it: with its own bearer token (no session, so no antiforgery token either).</summary>
    private HttpClient Gateway(Person person)
    {
        var client = stack.App.CreateHttpClient("web");
        client.DefaultRequestHeaders.Authorization = person.Api.Http.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static MultipartFormDataContent Form(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "picture.png" } };
    }
}
