namespace Projects;

/// <summary>Names this AppHost for the test builder: <c>DistributedApplicationTestingBuilder.CreateAsync&lt;Projects.Docs_AppHost&gt;()</c>.</summary>
public sealed class Docs_AppHost;
