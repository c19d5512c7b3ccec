using System.Net;

namespace Docs.Web.Api;

/// <summary>An API answer: the value, or the status and the problem's detail to show.</summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, string? Problem)
{
    public bool Ok => Value is not null && (int)Status is >= 200 and < 300;
    public bool NotFound => Status == HttpStatusCode.NotFound;
    public bool Forbidden => Status == HttpStatusCode.Forbidden;
    public bool SignedOut => Status == HttpStatusCode.Unauthorized;
}

/// <summary>An API answer without a body.</summary>
public sealed record ApiResult(HttpStatusCode Status, string? Problem)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}
