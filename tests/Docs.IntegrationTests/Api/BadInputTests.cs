using System.Net;
using System.Text;
using System.Text.Json;

namespace Docs.IntegrationTests.Api;

/// <summary>
/// Input the API cannot read is a 400 problem naming the field, never a 500. The endpoints and their
/// fields come from the OpenAPI document, so an endpoint added later is covered without a change here.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BadInputTests(StackFixture stack)
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    /// <summary>Bodies no endpoint can read, whatever its fields.</summary>
    private static readonly (string Case, string Body)[] UnreadableBodies =
    [
        ("truncated", """{"title": "x" """),
        ("an array", "[1,2,3]"),
        ("null", "null"),
        ("unquoted names", "{title:x}"),
        ("5,000 deep", new string('[', 5000) + new string(']', 5000)),
        ("5,000 deep in a field", """{"title":""" + new string('[', 5000) + new string(']', 5000) + "}"),
    ];

    /// <summary>Values of the wrong kind for a field, by the field's type in the OpenAPI document.</summary>
    private static IEnumerable<(string Case, string Json)> WrongValues(JsonElement property)
    {
        var types = TypesOf(property);
        if (types.Contains("string"))
        {
            yield return ("a number", "12345");
            yield return ("an object", """{"a":1}""");
            yield return ("an array", """["a"]""");
            yield return ("a NUL character", "\"a\\u0000b\"");
            yield return ("a control character", "\"a\\u001bb\"");
            if (property.TryGetProperty("format", out var format) && format.GetString() == "uuid")
            {
                yield return ("not a GUID", "\"abc\"");
            }
        }
        if (types.Contains("boolean"))
        {
            yield return ("not a boolean", "\"yes\"");
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("not a number", "\"many\"");
        }
    }

    /// <summary>Query values of the wrong kind, by the parameter's type.</summary>
    private static IEnumerable<(string Case, string Value)> WrongQueryValues(JsonElement schema)
    {
        var types = TypesOf(schema);
        if (types.Contains("boolean"))
        {
            yield return ("not a boolean", "maybe");
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("not a number", "many");
        }
        if (types.Contains("string"))
        {
            yield return ("a NUL character", "a%00b");
        }
    }

    [Fact]
    public async Task Every_write_endpoint_answers_unreadable_bodies_with_a_400_naming_the_field()
    {
        var openapi = await new ApiClient(stack.App).GetJsonAsync("/openapi/v1.json");
        var endpoints = WriteEndpoints(openapi).ToList();
        // The generator itself must see the API: these are among the endpoints with a body.
        Assert.Contains(endpoints, e => e.Method == "post" && e.Path == "/api/v1.0/documents");
        Assert.Contains(endpoints, e => e.Method == "put" && e.Path == "/api/v1.0/documents/{id}/link-configuration");
        Assert.Contains(endpoints, e => e.Method == "post" && e.Path == "/api/v1.0/documents/{id}/accesses");
        Assert.Contains(endpoints, e => e.Method == "post" && e.Path == "/api/v1.0/documents/{id}/duplicate");
        Assert.Contains(endpoints, e => e.Method == "post" && e.Path == "/api/v1.0/documents/{id}/ask-for-access");

        var failures = new List<string>();
        foreach (var (method, path, fields) in endpoints)
        {
            // A caller of its own per endpoint (writes are throttled per user), on a document of theirs.
            var owner = await stack.NewPersonAsync();
            var url = PathWithIds(path, await owner.CreateAsync("Bad input")) + "/";
            var cases = UnreadableBodies.Select(b => (b.Case, b.Body, Field: (string?)null))
                .Concat(fields.SelectMany(f => WrongValues(f.Schema).Select(v => (Case: $"{f.Name}: {v.Case}", Body: $"{{\"{f.Name}\":{v.Json}}}", Field: (string?)f.Name))));
            foreach (var (name, body, field) in cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                using var response = await owner.Api.Http.SendAsync(request);
                if (await RefusalProblemAsync(response, field) is { } wrong)
                {
                    failures.Add($"{method.ToUpperInvariant()} {path} with {name}: {wrong}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_query_parameter_answers_unreadable_values_with_a_400_naming_it()
    {
        var openapi = await new ApiClient(stack.App).GetJsonAsync("/openapi/v1.json");
        var owner = await stack.NewPersonAsync();
        var document = await owner.CreateAsync("Bad query");
        var tested = 0;
        var failures = new List<string>();
        foreach (var path in openapi.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("parameters", out _)))
            {
                foreach (var parameter in operation.Value.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                {
                    var name = parameter.GetProperty("name").GetString()!;
                    foreach (var (wrongCase, value) in WrongQueryValues(parameter.GetProperty("schema")))
                    {
                        tested++;
                        var url = PathWithIds(path.Name, document) + $"/?{name}={value}";
                        using var response = await owner.Api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Name), new Uri(url, UriKind.Relative)));
                        if (await RefusalProblemAsync(response, name) is { } wrong)
                        {
                            failures.Add($"{operation.Name.ToUpperInvariant()} {url} ({wrongCase}): {wrong}");
                        }
                    }
                }
            }
        }
        Assert.True(tested >= 3, "The list's is_favorite, is_creator_me and title should be among the query parameters.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Bad_input_is_refused_before_the_document_is_looked_up()
    {
        var owner = await stack.NewPersonAsync();
        var stranger = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Not the stranger's");
        var d = $"/api/v1.0/documents/{id}";

        // The same 400 whoever asks, whether or not they may see the document (which stays hidden: no 403).
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"{d}/children/?page=0", null),
            (HttpMethod.Patch, $"{d}/", new { title = new string('x', 300) }),
            (HttpMethod.Put, $"{d}/link-configuration/", new { link_reach = "everyone", link_role = "reader" }),
            (HttpMethod.Post, $"{d}/accesses/", new { user_id = owner.Id, role = "king" }),
            (HttpMethod.Put, $"{d}/content/", new { content = "not base64!" }),
        })
        {
            Assert.True(HttpStatusCode.BadRequest == await stranger.StatusAsync(method, path, body), $"stranger {method} {path}");
            Assert.True(HttpStatusCode.BadRequest == await owner.StatusAsync(method, path, body), $"owner {method} {path}");
        }
    }

    /// <summary>Null if <paramref name="response"/> is a 400 problem naming <paramref name="field"/> (or any field when null); else what is wrong.</summary>
    private static async Task<string?> RefusalProblemAsync(HttpResponseMessage response, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {text[..Math.Min(text.Length, 300)]}";
        }
        var problem = JsonDocument.Parse(text).RootElement;
        if (!problem.TryGetProperty("errors", out var errors) || !errors.EnumerateObject().Any())
        {
            return "no field named: " + text;
        }
        if (text.Contains("System.", StringComparison.Ordinal))
        {
            return "names a .NET type: " + text;
        }
        return field is null || errors.TryGetProperty(field, out _) ? null : $"does not name {field}: {text}";
    }

    /// <summary>Every write operation that takes a JSON body, with the properties of that body.</summary>
    private static IEnumerable<(string Method, string Path, List<(string Name, JsonElement Schema)> Fields)> WriteEndpoints(JsonElement openapi)
    {
        var schemas = openapi.GetProperty("components").GetProperty("schemas");
        foreach (var path in openapi.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => WriteMethods.Contains(o.Name)))
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body)
                    || !body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    continue;
                }
                var schema = Resolve(json.GetProperty("schema"), schemas);
                var fields = schema.TryGetProperty("properties", out var properties)
                    ? properties.EnumerateObject().Select(p => (p.Name, Resolve(p.Value, schemas))).ToList()
                    : [];
                yield return (operation.Name, path.Name, fields);
            }
        }
    }

    /// <summary>Follows <c>$ref</c> and picks the non-null member of a nullable <c>anyOf</c>/<c>oneOf</c>.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas);
        }
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var members)
                && members.EnumerateArray().FirstOrDefault(m => !TypesOf(m).SequenceEqual(["null"])) is { ValueKind: JsonValueKind.Object } member)
            {
                return Resolve(member, schemas);
            }
        }
        return schema;
    }

    private static string[] TypesOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
        : [type.GetString()!];

    /// <summary>The document's id for <c>{id}</c>, fresh ids for the others (binding is checked before they are looked up).</summary>
    private static string PathWithIds(string path, Guid document) =>
        System.Text.RegularExpressions.Regex.Replace(path.Replace("{id}", document.ToString()), "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());
}
