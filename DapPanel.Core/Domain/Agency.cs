namespace DapPanel.Core.Domain;

public class Agency : Entity
{
    public required string Name { get; set; }
    public AgencyKind Kind { get; set; }
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
