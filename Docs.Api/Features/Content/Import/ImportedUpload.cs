using Docs.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Content.Import;

/// <summary>
/// The multipart body of an import: the <c>file</c> field (at most <see cref="MaxBytes"/>, 20 MiB as the
/// reference's imports; read no further than that) and an optional <c>title</c>.
/// </summary>
public sealed record ImportedUpload(string FileName, string? MediaType, byte[] Data, string? Title)
{
    public const long MaxBytes = 20L * 1024 * 1024;
    private const long MultipartOverhead = 64 * 1024;
    private const int MaxTitleBytes = 4096;

    /// <summary>The upload, or the problem to answer instead.</summary>
    public static async Task<(ImportedUpload? Upload, IResult? Problem)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes + MultipartOverhead;
        }
        if (context.Request.ContentLength > MaxBytes + MultipartOverhead)
        {
            return (null, TooLarge());
        }
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, Problems.Validation(ImportEndpoints.FileField, "Send the file as multipart/form-data, in the field 'file'."));
        }
        var reader = new MultipartReader(boundary, context.Request.Body);
        string? title = null;
        ImportedUpload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == ImportEndpoints.FileField && upload is null)
                {
                    var data = await ReadBoundedAsync(section.Body, MaxBytes, cancellationToken);
                    if (data is null)
                    {
                        return (null, TooLarge());
                    }
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                    upload = new ImportedUpload(fileName, section.ContentType, data, null);
                }
                else if (name == "title")
                {
                    var bytes = await ReadBoundedAsync(section.Body, MaxTitleBytes, cancellationToken);
                    title = bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
                }
            }
        }
        catch (BadHttpRequestException)
        {
            return (null, TooLarge());
        }
        catch (IOException)
        {
            return (null, Problems.Validation(ImportEndpoints.FileField, "The multipart body cannot be read."));
        }
        return upload is null
            ? (null, Problems.Validation(ImportEndpoints.FileField, "Required: the file to import."))
            : (upload with { Title = title }, null);
    }

    private static TooLargeProblem TooLarge() => Problems.TooLarge($"An imported file may be {MaxBytes / (1024 * 1024)} MiB at most.");

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > max)
            {
                return null;
            }
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
