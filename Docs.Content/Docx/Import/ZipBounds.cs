using System.IO.Compression;

namespace Docs.Content.Docx.Import;

/// <summary>
/// Checks a zip (a DOCX is one) before anything reads it: at most so many entries, and every entry
/// inflated for real (not trusting the sizes it declares) within a total, so that a zip bomb or a
/// package of 100,000 parts is refused in bounded time and memory instead of being unpacked.
/// </summary>
public static class ZipBounds
{
    public const int MaxEntries = 2000;
    public const long MaxInflatedBytes = 200L * 1024 * 1024;

    /// <summary>Null when the zip is within bounds; otherwise why not, in words for the caller.</summary>
    public static string? Check(Stream zip, int maxEntries = MaxEntries, long maxInflatedBytes = MaxInflatedBytes)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > maxEntries)
            {
                return $"The archive has {archive.Entries.Count} entries; at most {maxEntries} are read.";
            }
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                if (entry.Length > maxInflatedBytes - total)
                {
                    return $"The archive unpacks to more than {maxInflatedBytes / (1024 * 1024)} MiB.";
                }
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > maxInflatedBytes)
                    {
                        return $"The archive unpacks to more than {maxInflatedBytes / (1024 * 1024)} MiB.";
                    }
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "The file is not a readable zip archive.";
        }
        finally
        {
            zip.Position = 0;
        }
    }
}
