namespace Docs.Web.Components.Layout;

public enum ErrorKind { NotFound, Forbidden, SignedOut, Failed }
