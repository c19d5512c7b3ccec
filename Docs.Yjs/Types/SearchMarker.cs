using Docs.Yjs.Structs;

namespace Docs.Yjs.Types;

/// <summary>
/// A remembered (item, index) pair in a long list, so that finding an index does not walk from the
/// start every time (yjs's array search markers: at most 80, the least recently used replaced).
/// </summary>
internal sealed class SearchMarker
{
    private const int MaxMarkers = 80;
    private static long s_timestamp;

    private SearchMarker(Item item, int index)
    {
        item.Marker = true;
        Item = item;
        Index = index;
        Timestamp = Interlocked.Increment(ref s_timestamp);
    }

    public Item Item { get; set; }

    public int Index { get; set; }

    public long Timestamp { get; private set; }

    private void Refresh() => Timestamp = Interlocked.Increment(ref s_timestamp);

    private void Overwrite(Item item, int index)
    {
        Item.Marker = false;
        Item = item;
        item.Marker = true;
        Index = index;
        Refresh();
    }

    private static SearchMarker Mark(List<SearchMarker> markers, Item item, int index)
    {
        if (markers.Count >= MaxMarkers)
        {
            var oldest = markers.MinBy(marker => marker.Timestamp)!;
            oldest.Overwrite(item, index);
            return oldest;
        }
        var created = new SearchMarker(item, index);
        markers.Add(created);
        return created;
    }

    /// <summary>A marker at or near <paramref name="index"/>, moved or created there; null when markers are off.</summary>
    public static SearchMarker? Find(AbstractType list, int index)
    {
        if (list.Start is null || index == 0 || list.SearchMarkers is not { } markers)
        {
            return null;
        }
        SearchMarker? marker = null;
        foreach (var candidate in markers)
        {
            if (marker is null || Math.Abs(index - candidate.Index) < Math.Abs(index - marker.Index))
            {
                marker = candidate;
            }
        }
        var p = list.Start;
        var pIndex = 0;
        if (marker is not null)
        {
            p = marker.Item;
            pIndex = marker.Index;
            marker.Refresh();
        }
        while (p.Right is not null && pIndex < index)
        {
            if (!p.Deleted && p.Countable)
            {
                if (index < pIndex + p.Length)
                {
                    break;
                }
                pIndex += p.Length;
            }
            p = p.Right;
        }
        while (p.Left is not null && pIndex > index)
        {
            p = p.Left;
            if (!p.Deleted && p.Countable)
            {
                pIndex -= p.Length;
            }
        }
        // Stop where p cannot merge with its left neighbour, or a merge would leave the marker stale.
        while (p.Left is not null && p.Left.Id.Client == p.Id.Client && p.Left.Id.Clock + p.Left.Length == p.Id.Clock)
        {
            p = p.Left;
            if (!p.Deleted && p.Countable)
            {
                pIndex -= p.Length;
            }
        }
        if (marker is not null && Math.Abs(marker.Index - pIndex) < ((AbstractType)p.Parent!).LengthInternal / (double)MaxMarkers)
        {
            marker.Overwrite(p, pIndex);
            return marker;
        }
        return Mark(markers, p, pIndex);
    }

    /// <summary>Shifts markers after an insertion (<paramref name="length"/> &gt; 0) or deletion at <paramref name="index"/>.</summary>
    public static void UpdateChanges(List<SearchMarker> markers, int index, int length)
    {
        for (var i = markers.Count - 1; i >= 0; i--)
        {
            var marker = markers[i];
            if (length > 0)
            {
                Item? p = marker.Item;
                p.Marker = false;
                while (p is not null && (p.Deleted || !p.Countable))
                {
                    p = p.Left;
                    if (p is not null && !p.Deleted && p.Countable)
                    {
                        marker.Index -= p.Length;
                    }
                }
                if (p is null || p.Marker)
                {
                    markers.RemoveAt(i);
                    continue;
                }
                marker.Item = p;
                p.Marker = true;
            }
            if (index < marker.Index || (length > 0 && index == marker.Index))
            {
                marker.Index = Math.Max(index, marker.Index + length);
            }
        }
    }
}
