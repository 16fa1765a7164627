using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>
/// A fingerprint of everything routing reads from one metadata answer: per container that carries
/// RANCHER_LABEL the fields <see cref="RoutingTableBuilder"/> reads and the labels it reads (port, proxy, hosts, auth, INDEX_LABELS), the
/// service metadata and the host's agent IP. Most version changes in Rancher touch nothing of that (a health check elsewhere,
/// an unlabelled container): then the answer need not be built, rendered or kept to know it.
/// Each element is hashed with XxHash128 and the hashes are added up, so the list's order (random
/// on the real server) does not matter while a duplicate still counts. Fixed size, no allocation
/// per container, no OpenSSL; an accidental match is a 2^-128 event. (Not meant to resist someone
/// crafting collisions: whoever can do that can set labels and route containers anyway.)
/// </summary>
internal readonly record struct RoutingInputs(UInt128 Sum, int Count)
{
    private const byte Missing = 0;
    private const byte Null = 1;
    private const byte Present = 2;

    /// <param name="memo">Each container's hash from the last answer, taken for the very same object (the sync loop's; the reader hands unchanged containers back as the same objects).</param>
    public static RoutingInputs Of(MetadataSnapshot snapshot, RoutingOptions options, Memo? memo = null)
    {
        var hash = new XxHash128();
        memo?.Start(options);
        var (containers, containerCount) = Containers(hash, snapshot.Containers, options, memo);
        memo?.Finish();
        var (aliases, aliasCount) = Aliases(hash, snapshot.Service.Aliases);
        return new RoutingInputs(containers + aliases + Service(hash, snapshot), containerCount + aliasCount + 1);
    }

    /// <summary>One element per container that carries the port label: the fields and labels routing reads.</summary>
    private static (UInt128 Sum, int Count) Containers(XxHash128 hash, IReadOnlyList<ContainerDto> containers, RoutingOptions options, Memo? memo)
    {
        UInt128 sum = 0;
        var count = 0;

        // Read once: a computed label name or an interface enumerator per container would allocate
        // in proportion to the environment on every answer, even one with nothing new.
        var hostsLabel = options.HostsLabel;
        var authLabel = options.AuthLabel;
        var indexLabels = options.IndexLabels;
        for (var index = 0; index < containers.Count; index++)
        {
            var container = containers[index];
            if (memo is not null && memo.TryGet(container, out var known))
            {
                // Only labelled containers are remembered.
                sum += known;
                count++;
                continue;
            }

            if (container.Labels is null || !container.Labels.ContainsKey(options.PortLabel))
            {
                continue; // Not for routing at all: the builder skips it before reading anything else.
            }

            hash.Append("container"u8);
            Append(hash, container.Uuid);
            Append(hash, container.Name);
            Append(hash, container.PrimaryIp);
            Append(hash, container.State);
            Append(hash, container.HealthState);
            Append(hash, container.StackName);
            Append(hash, container.ServiceName);
            AppendLabel(hash, container, options.PortLabel);
            AppendLabel(hash, container, options.ProxyLabel);
            AppendLabel(hash, container, hostsLabel);
            AppendLabel(hash, container, authLabel);
            for (var label = 0; label < indexLabels.Count; label++)
            {
                AppendLabel(hash, container, indexLabels[label]);
            }

            var element = Finish(hash);
            memo?.Add(container, element);
            sum += element;
            count++;
        }

        return (sum, count);
    }

    /// <summary>One element per stack with aliases in the load balancer's service metadata.</summary>
    private static (UInt128 Sum, int Count) Aliases(XxHash128 hash, IReadOnlyDictionary<string, IReadOnlyList<string>> aliases)
    {
        UInt128 sum = 0;
        var count = 0;
        foreach (var (stack, names) in aliases)
        {
            hash.Append("aliases"u8);
            Append(hash, stack);
            foreach (var alias in names)
            {
                Append(hash, alias);
            }

            sum += Finish(hash);
            count++;
        }

        return (sum, count);
    }

    /// <summary>The rest of the service metadata routing reads: TLS, the agent IP, the users, the problems found.</summary>
    private static UInt128 Service(XxHash128 hash, MetadataSnapshot snapshot)
    {
        hash.Append("service"u8);
        Append(hash, snapshot.Service.SslCertificate);
        Append(hash, snapshot.Service.SslKey);
        Append(hash, snapshot.HostAgentIp);
        hash.Append(snapshot.Service.AuthUsers is null ? [Null] : [Present]);
        foreach (var user in snapshot.Service.AuthUsers ?? [])
        {
            Append(hash, user.Name);
            Append(hash, user.Hash);
        }

        foreach (var problem in snapshot.Service.Problems)
        {
            Append(hash, problem);
        }

        return Finish(hash);
    }

    private static UInt128 Finish(XxHash128 hash)
    {
        var value = hash.GetCurrentHashAsUInt128();
        hash.Reset();
        return value;
    }

    private static void AppendLabel(XxHash128 hash, ContainerDto container, string label)
    {
        if (container.Labels is null || !container.Labels.TryGetValue(label, out var value))
        {
            hash.Append([Missing]);
            return;
        }

        Append(hash, value);
    }

    /// <summary>Tag and length first: ("ab", "c") and ("a", "bc") differ, as do null, missing and "".</summary>
    private static void Append(XxHash128 hash, string? value)
    {
        if (value is null)
        {
            hash.Append([Null]);
            return;
        }

        Span<byte> head = stackalloc byte[5];
        head[0] = Present;
        BinaryPrimitives.WriteInt32LittleEndian(head[1..], value.Length);
        hash.Append(head);
        hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    /// <summary>
    /// Each labelled container's hash from the last answer, by the object: only a pure function of
    /// the container and the options is kept, and each answer keeps only its own containers. One
    /// dictionary, each entry stamped with the last answer that had it: an answer with nothing new
    /// allocates nothing here (a new dictionary per answer was 180 KB at 5,000 containers).
    /// </summary>
    internal sealed class Memo
    {
        private readonly Dictionary<ContainerDto, (UInt128 Element, int Answer)> _known = [];
        private RoutingOptions? _options;
        private int _answer;
        private int _seen;

        /// <summary>How many containers the last answer took from the one before (tests).</summary>
        internal int Taken { get; private set; }

        internal void Start(RoutingOptions options)
        {
            if (!ReferenceEquals(options, _options))
            {
                _options = options;
                _known.Clear();
            }

            (_answer, _seen, Taken) = (_answer + 1, 0, 0);
        }

        /// <summary>Forgets the containers this answer did not have.</summary>
        internal void Finish()
        {
            if (_seen == _known.Count)
            {
                return;
            }

            foreach (var (container, entry) in _known)
            {
                if (entry.Answer != _answer)
                {
                    _known.Remove(container);
                }
            }
        }

        internal bool TryGet(ContainerDto container, out UInt128 element)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_known, container);
            if (Unsafe.IsNullRef(ref entry))
            {
                element = default;
                return false;
            }

            element = entry.Element;
            if (entry.Answer != _answer)
            {
                (entry.Answer, _seen) = (_answer, _seen + 1);
                Taken++;
            }

            return true;
        }

        internal void Add(ContainerDto container, UInt128 element)
        {
            if (_known.TryAdd(container, (element, _answer)))
            {
                _seen++;
            }
        }
    }
}
