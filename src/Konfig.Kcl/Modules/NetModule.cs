using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>net</c> module: host/port helpers, IP classification (Go's rules) and CIDR arithmetic.</summary>
internal static class NetModule
{
    public static void Register(ModuleBuilder m)
    {
        m.Function("split_host_port", a =>
        {
            var text = a.GetString(0, "ip_end_point") ?? throw new KclRuntimeException("split_host_port() missing 1 required positional argument: 'ip_end_point'");
            return Strings(SplitHostPort(text));
        });
        m.Function("join_host_port", a =>
        {
            var host = a.GetString(0, "host") ?? throw new KclRuntimeException("join_host_port() missing 2 required positional arguments: 'host' and 'port'");
            var port = a.Get(1, "port") is { } p ? AsText(p) : throw new KclRuntimeException("join_host_port() missing 1 required positional argument: 'port'");
            return Str(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}");
        });
        m.Function("fqdn", a =>
        {
            var name = a.GetString(0, "name") ?? Dns.GetHostName();
            return Str(name);
        });
        m.Function("parse_IP", a => Str(Parse(Ip(a)) is { } ip ? Format(ip) : string.Empty));
        m.Function("to_IP4", a => Str(Parse(Ip(a)) is { } ip ? Format(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) : string.Empty));
        m.Function("to_IP16", a => Str(Parse(Ip(a)) is { } ip ? Format(ip) : string.Empty));
        m.Function("IP_string", a => Str(Parse(Ip(a)) is { } ip ? Format(ip) : string.Empty));
        m.Function("is_IPv4", a => Bool(IsStrictIPv4(Ip(a))));
        m.Function("is_IP", a => Bool(Parse(Ip(a)) is not null));
        m.Function("is_loopback_IP", a => Bool(Parse(Ip(a)) is { } ip && IPAddress.IsLoopback(ip)));
        m.Function("is_multicast_IP", a => Bool(Parse(Ip(a)) is { } ip && IsMulticast(ip)));
        m.Function("is_interface_local_multicast_IP", a => Bool(Parse(Ip(a)) is { } ip && ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.GetAddressBytes() is var b && b[0] == 0xff && (b[1] & 0x0f) == 0x01));
        m.Function("is_link_local_multicast_IP", a => Bool(Parse(Ip(a)) is { } ip && IsLinkLocalMulticast(ip)));
        m.Function("is_link_local_unicast_IP", a => Bool(Parse(Ip(a)) is { } ip && IsLinkLocalUnicast(ip)));
        m.Function("is_global_unicast_IP", a => Bool(Parse(Ip(a)) is { } ip && IsGlobalUnicast(ip)));
        m.Function("is_unspecified_IP", a => Bool(Parse(Ip(a)) is { } ip && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))));
        m.Function("parse_CIDR", a =>
        {
            var (ip, prefix) = Cidr(a.GetString(0, "cidr") ?? throw new KclRuntimeException("parse_CIDR() missing 1 required positional argument: 'cidr'"));
            return Dict([new("ip", Str(Format(ip))), new("mask", Int(prefix))]);
        });
        m.Function("is_IP_in_CIDR", a =>
        {
            var ip = Parse(a.GetString(0, "ip") ?? string.Empty) ?? throw new KclRuntimeException("is_IP_in_CIDR() invalid ip");
            var (network, prefix) = Cidr(a.GetString(1, "cidr") ?? throw new KclRuntimeException("is_IP_in_CIDR() missing 1 required positional argument: 'cidr'"));
            if (ip.AddressFamily != network.AddressFamily)
            {
                return Bool(false);
            }

            var bits = Bits(ip);
            var shift = Width(ip) - prefix;
            return Bool((ToNumber(ip) >> shift) == (ToNumber(network) >> shift) && bits > 0);
        });
        m.Function("CIDR_subnet", a =>
        {
            var (network, prefix) = Cidr(a.GetString(0, "cidr") ?? throw new KclRuntimeException("CIDR_subnet() missing 1 required positional argument: 'cidr'"));
            var newbits = ClampBits(a.GetInt(1, "newbits") ?? 0);
            var netnum = a.GetInt(2, "netnum") ?? 0;
            return Str(Subnet(network, prefix, newbits, netnum));
        });
        m.Function("CIDR_subnets", a =>
        {
            var (network, prefix) = Cidr(a.GetString(0, "cidr") ?? throw new KclRuntimeException("CIDR_subnets() missing 1 required positional argument: 'cidr'"));
            var newbitsList = a.Get(1, "newbits") is ListValue list ? list.Items.Select(i => ClampBits(AsDouble(i, "CIDR_subnets"))).ToList() : [];
            var width = Width(network);
            var baseNumber = ToNumber(network) & Mask(width, prefix);
            var current = baseNumber;
            var results = new List<string>();
            foreach (var newbits in newbitsList)
            {
                var length = prefix + newbits;
                if (newbits < 0 || length > width)
                {
                    throw new KclRuntimeException($"insufficient address space to extend prefix of {prefix} by {newbits}");
                }

                var size = BigInteger.One << (width - length);
                // Align the next block to its own size, as Terraform's cidrsubnets does.
                var remainder = (current - baseNumber) % size;
                if (remainder != 0)
                {
                    current += size - remainder;
                }

                results.Add(Format(FromNumber(current, network.AddressFamily)) + "/" + length.ToString(CultureInfo.InvariantCulture));
                current += size;
            }

            return Strings(results);
        });
        m.Function("CIDR_host", a =>
        {
            var (network, prefix) = Cidr(a.GetString(0, "cidr") ?? throw new KclRuntimeException("CIDR_host() missing 1 required positional argument: 'cidr'"));
            var hostnum = a.GetInt(1, "hostnum") ?? 0;
            var width = Width(network);
            var baseNumber = ToNumber(network) & Mask(width, prefix);
            var hostSpace = BigInteger.One << (width - prefix);
            var offset = hostnum >= 0 ? new BigInteger(hostnum) : hostSpace + hostnum;
            if (offset < 0 || offset >= hostSpace)
            {
                throw new KclRuntimeException($"prefix of {prefix} does not accommodate a host numbered {hostnum}");
            }

            return Str(Format(FromNumber(baseNumber + offset, network.AddressFamily)));
        });
        m.Function("CIDR_netmask", a =>
        {
            var (network, prefix) = Cidr(a.GetString(0, "cidr") ?? throw new KclRuntimeException("CIDR_netmask() missing 1 required positional argument: 'cidr'"));
            return Str(Format(FromNumber(Mask(Width(network), prefix), network.AddressFamily)));
        });
    }

    private static string Ip(Args a) => a.GetString(0, "ip") ?? throw new KclRuntimeException("missing 1 required positional argument: 'ip'");

    private static List<string> SplitHostPort(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && close + 1 < text.Length && text[close + 1] == ':')
            {
                return [text[1..close], text[(close + 2)..]];
            }

            throw new KclRuntimeException($"address {text}: missing port in address");
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            throw new KclRuntimeException($"address {text}: missing port in address");
        }

        if (text.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            throw new KclRuntimeException($"address {text}: too many colons in address");
        }

        return [text[..colon], text[(colon + 1)..]];
    }

    /// <summary>Rust's <c>IpAddr::from_str</c>: strict dotted quads (no leading zeros) or IPv6 without a zone.</summary>
    public static IPAddress? Parse(string text)
    {
        if (IsStrictIPv4(text))
        {
            return IPAddress.Parse(text);
        }

        if (text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal)
            && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // IPv6 groups are 1-4 hex digits, which .NET also enforces; an embedded IPv4 tail must be strict.
            var lastColon = text.LastIndexOf(':');
            var tail = text[(lastColon + 1)..];
            return tail.Contains('.', StringComparison.Ordinal) && !IsStrictIPv4(tail) ? null : address;
        }

        return null;
    }

    private static bool IsStrictIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0') || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(IPAddress address) => address.ToString();

    private static bool IsMulticast(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork
        ? (ip.GetAddressBytes()[0] & 0xf0) == 0xe0
        : ip.GetAddressBytes()[0] == 0xff;

    private static bool IsLinkLocalMulticast(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork
            ? b[0] == 224 && b[1] == 0 && b[2] == 0
            : b[0] == 0xff && (b[1] & 0x0f) == 0x02;
    }

    private static bool IsLinkLocalUnicast(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork
            ? b[0] == 169 && b[1] == 254
            : b[0] == 0xfe && (b[1] & 0xc0) == 0x80;
    }

    private static bool IsGlobalUnicast(IPAddress ip)
    {
        if (ip.AddressFamily == AddressFamily.InterNetwork && ip.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        return !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) && !IPAddress.IsLoopback(ip)
            && !IsMulticast(ip) && !IsLinkLocalUnicast(ip);
    }

    private static (IPAddress Address, int Prefix) Cidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || Parse(text[..slash]) is not { } address
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > Width(address))
        {
            throw new KclRuntimeException($"invalid CIDR address: {text}");
        }

        return (address, prefix);
    }

    /// <summary>A prefix extension as an int; any count beyond an address's 128 bits is as invalid as 129, and no cast may wrap it.</summary>
    private static int ClampBits(double newbits) => double.IsNaN(newbits) ? -1 : (int)Math.Clamp(newbits, -1, 129);

    private static string Subnet(IPAddress network, int prefix, int newbits, long netnum)
    {
        var width = Width(network);
        var length = prefix + newbits;
        if (newbits < 0 || length > width)
        {
            throw new KclRuntimeException($"insufficient address space to extend prefix of {prefix} by {newbits}");
        }

        if (netnum < 0 || (newbits < 63 && netnum >= 1L << newbits))
        {
            throw new KclRuntimeException($"prefix extension of {newbits} does not accommodate a subnet numbered {netnum}");
        }

        var baseNumber = ToNumber(network) & Mask(width, prefix);
        var number = baseNumber | (new BigInteger(netnum) << (width - length));
        return Format(FromNumber(number, network.AddressFamily)) + "/" + length.ToString(CultureInfo.InvariantCulture);
    }

    private static int Width(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static int Bits(IPAddress address) => Width(address);

    private static BigInteger Mask(int width, int prefix) => ((BigInteger.One << prefix) - 1) << (width - prefix);

    private static BigInteger ToNumber(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static IPAddress FromNumber(BigInteger number, AddressFamily family)
    {
        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = number.ToByteArray(isUnsigned: true, isBigEndian: true);
        var full = new byte[length];
        Array.Copy(bytes, Math.Max(0, bytes.Length - length), full, Math.Max(0, length - bytes.Length), Math.Min(length, bytes.Length));
        return new IPAddress(full);
    }
}
