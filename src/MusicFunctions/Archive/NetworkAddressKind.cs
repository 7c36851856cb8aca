namespace MusicFunctions.Archive;

/// <summary>What an IP address reaches, as far as the archive's source checks care.</summary>
public enum NetworkAddressKind
{
    /// <summary>An ordinary internet address.</summary>
    Public,

    /// <summary>0.0.0.0/8 and ::; connecting to them reaches this machine on Linux.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8 and ::1.</summary>
    Loopback,

    /// <summary>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, and the local-use NAT64 prefix 64:ff9b:1::/48.</summary>
    Private,

    /// <summary>100.64.0.0/10, carrier-grade NAT space shared inside a provider's network.</summary>
    CarrierGradeNat,

    /// <summary>169.254.0.0/16 and fe80::/10.</summary>
    LinkLocal,

    /// <summary>fc00::/7, IPv6's private space.</summary>
    UniqueLocal,

    /// <summary>224.0.0.0/4 and ff00::/8.</summary>
    Multicast,

    /// <summary>Cloud instance metadata and host endpoints (169.254.169.254, 168.63.129.16...): never a file source.</summary>
    CloudMetadata,

    /// <summary>Reserved, documentation, benchmarking, broadcast, site-local and Teredo space: not a real file server.</summary>
    Reserved,
}
