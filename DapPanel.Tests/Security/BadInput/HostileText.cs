namespace DapPanel.Tests.Security.BadInput;

/// <summary>What people (or attackers) put in text boxes: each goes into every text field the suite reaches.</summary>
public static class HostileText
{
    public const string Script = "<script>alert('dappanel')</script>";

    public static readonly IReadOnlyList<(string Name, string Value)> All =
    [
        ("script tag", Script),
        ("image with onerror", "\"><img src=x onerror=alert(1)>"),
        ("svg onload", "<svg/onload=alert(document.cookie)>"),
        ("javascript link", "javascript:alert(1)"),
        ("template braces", "{{7*7}} @(1+1) ${7*7}"),
        ("sql", "Robert'); DROP TABLE Cases;--"),
        ("csv formula", "=HYPERLINK(\"https://attacker.example\",\"Click\")"),
        ("html entities", "&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;"),
        ("empty", ""),
        ("spaces", "     "),
        ("tabs and newlines", "\t\r\n\t"),
        ("zero-width only", "\u200B\u200B\uFEFF"),
        ("zero-width inside", "Jo\u200Bhn Sm\u200Bith"),
        ("right-to-left override", "Invoice\u202Egpj.exe"),
        ("right-to-left script", "محمد علي حسن"),
        ("bidi isolate", "\u2067abc\u2069 def"),
        ("NUL character", "before\0after"),
        ("control characters", "bell\u0007 escape\u001B[31m red"),
        ("lone surrogate", "broken \uD800 pair"),
        ("emoji family", "👩‍👧‍👦 family"),
        ("combining marks", "Z\u0324\u0354\u0367\u0311\u0313a\u0356\u032D\u0308\u0307l\u036E\u0312\u036Bg\u0317\u033B\u034Ao"),
        ("apostrophes and quotes", "O'Neill \"Mac\" D’Arcy"),
        ("a little over a name", new string('N', 201)),
        ("ten thousand characters", new string('x', 10_000)),
        ("a hundred thousand characters", new string('y', 100_000)),
        ("many lines", string.Concat(Enumerable.Repeat("line\n", 3000))),
    ];

    public static TheoryData<string, int> For(params string[] fields)
    {
        var data = new TheoryData<string, int>();
        foreach (var field in fields)
            for (var i = 0; i < All.Count; i++)
                data.Add(field, i);
        return data;
    }

    /// <summary>A message a person can act on: short, no exception names or stack frames.</summary>
    public static void AssertClear(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message), "A refusal must say what is wrong.");
        Assert.True(message.Length < 600, $"A refusal should be a sentence or two, not {message.Length} characters.");
        Assert.DoesNotContain("Exception", message);
        Assert.DoesNotContain(" at DapPanel.", message);
    }

    /// <summary>What the database may hold of it: no control, direction or invisible characters.</summary>
    public static void AssertStorable(string? stored)
    {
        if (stored is null) return;
        foreach (var c in stored)
        {
            Assert.False(char.IsControl(c) && c is not ('\n' or '\r' or '\t'), $"A control character U+{(int)c:X4} was stored.");
            Assert.False(c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'), "A direction control was stored.");
            Assert.False(c is '\u200B' or '\uFEFF', "An invisible space was stored.");
        }
    }
}
