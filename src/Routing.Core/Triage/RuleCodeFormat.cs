namespace Routing.Core.Triage;

/// <summary>
/// Format checks for identifiers in rule files. Red-flag and reason codes are UPPER_SNAKE as in the contract;
/// a code in any other shape is a typo that would never match what the gateway sends.
/// </summary>
internal static class RuleCodeFormat
{
    /// <summary>Upper-case letters and digits in groups joined by single underscores, starting with a letter.</summary>
    public static bool IsUpperSnake(string code)
    {
        if (code.Length == 0 || !char.IsAsciiLetterUpper(code[0]) || code[^1] == '_')
        {
            return false;
        }

        for (var i = 1; i < code.Length; i++)
        {
            var c = code[i];
            var ok = char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || (c == '_' && code[i - 1] != '_');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rule ids appear in journals and reports: letters, digits, '-', '_' and '.' only.</summary>
    public static bool IsRuleId(string id)
    {
        if (id.Length == 0)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
