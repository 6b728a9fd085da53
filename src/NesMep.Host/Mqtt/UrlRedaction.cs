namespace NesMep.Host.Mqtt;

/// <summary>
/// Keeps credentials in URLs out of messages. A URL's user-info may hold a password with or without
/// an '@' after it (<c>mqtt://u:secret</c> is a typo for <c>mqtt://u:secret@host</c>), so anything
/// after the first ':' of an authority that is not a port number is hidden as well.
/// </summary>
public static class UrlRedaction
{
    private const string Hidden = "***";

    /// <summary>A value meant as a URL (e.g. the <c>--mqtt</c> argument), safe to quote in a message.</summary>
    public static string RedactValue(string value)
    {
        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            return RedactText(value);
        }

        // No "//": the whole value may be an authority ("u:secret@host", "mqtt:u:secret@host").
        return RedactAuthority(value);
    }

    /// <summary>Free text (an error message): every "scheme://authority" in it gets its user-info hidden.</summary>
    public static string RedactText(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int scheme = text.IndexOf("://", i, StringComparison.Ordinal);
            if (scheme < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            int start = scheme + 3;
            int end = start;
            while (end < text.Length && !EndsAuthority(text[end]))
            {
                end++;
            }

            sb.Append(text, i, start - i);
            sb.Append(RedactAuthority(text.Substring(start, end - start)));
            i = end;
        }

        return sb.ToString();
    }

    private static bool EndsAuthority(char c) => c is '/' or '?' or '#' or '\'' or '"' or '`' or ')' or ';' or ',' || char.IsWhiteSpace(c);

    private static string RedactAuthority(string authority)
    {
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            return Hidden + authority.Substring(at);
        }

        if (authority.StartsWith('['))
        {
            return authority; // [IPv6]:port holds no user-info
        }

        int colon = authority.IndexOf(':');
        if (colon < 0)
        {
            return authority;
        }

        string rest = authority.Substring(colon + 1);
        return rest.Length > 0 && rest.All(char.IsAsciiDigit) ? authority : authority.Substring(0, colon + 1) + Hidden;
    }
}
