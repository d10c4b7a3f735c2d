namespace DapPanel.Core.Domain;

public class Agency : Entity
{
    public required string Name { get; set; }
    public AgencyKind Kind { get; set; }
    /// <summary>The senior manager who champions attendance and receives the monthly summary.</summary>
    public string? SeniorContactName { get; set; }
    public string? SeniorContactEmail { get; set; }
    public List<Person> People { get; set; } = [];
}

/// <summary>Someone who belongs to exactly one agency; may or may not hold a sign-in.</summary>
public class Person : Entity
{
    public required string FullName { get; set; }
    public string? Email { get; set; }
    public string? JobTitle { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
}
