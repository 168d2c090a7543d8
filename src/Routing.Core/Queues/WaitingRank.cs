using System.Diagnostics;
using Routing.Core.Calls;

namespace Routing.Core.Queues;

/// <summary>
/// Every call waiting in one queue (all its levels), in queue order, with subtree sizes: the number of calls ahead
/// of any call in O(log n). A treap whose nodes are the calls themselves (<see cref="Call.RankLeft"/>,
/// <see cref="Call.RankRight"/>, <see cref="Call.RankSize"/>, <see cref="Call.RankPriority"/>), so keeping it costs
/// no allocation. Before it, a
/// position was a walk of the calls behind the caller: nothing for a new arrival, the whole line for a caller near
/// its head (a retried offer, a re-triage, a callback request), and quadratic for a gateway retrying a whole line.
/// </summary>
/// <remarks>
/// The heap priority is a hash of the call's arrival order, not a random number: the engine stays deterministic
/// (a replayed or restored state builds the same shape), and arrival orders are distinct, so priorities are spread.
/// </remarks>
internal sealed class WaitingRank
{
    private Call? _root;

    public int Count => Size(_root);

    public void Add(Call call)
    {
        Debug.Assert(call.RankLeft is null && call.RankRight is null, "a call is indexed once");
        call.RankSize = 1;
        call.RankPriority = Priority(call);
        var (less, rest) = Split(_root, call);
        _root = Merge(Merge(less, call), rest);
    }

    public void Remove(Call call)
    {
        var before = Size(_root);
        _root = Remove(_root, call);
        if (Size(_root) != before - 1)
        {
            throw new InvalidOperationException($"Call {call.Id} was not in the queue's order index.");
        }

        call.RankLeft = call.RankRight = null;
        call.RankSize = 0;
    }

    /// <summary>Calls ahead of <paramref name="call"/> (strictly before it in queue order), indexed or not.</summary>
    public int Ahead(Call call)
    {
        var ahead = 0;
        var node = _root;
        while (node is not null)
        {
            var order = CallOrder.Instance.Compare(call, node);
            if (order <= 0)
            {
                if (order == 0)
                {
                    return ahead + Size(node.RankLeft);
                }

                node = node.RankLeft;
            }
            else
            {
                ahead += Size(node.RankLeft) + 1;
                node = node.RankRight;
            }
        }

        return ahead;
    }

    private static int Size(Call? node) => node?.RankSize ?? 0;

    private static uint Priority(Call call)
    {
        // splitmix64's finalizer: consecutive arrival orders get unrelated priorities.
        var x = (ulong)call.ArrivalOrder + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (uint)((x ^ (x >> 31)) >> 32);
    }

    private static void Update(Call node) => node.RankSize = Size(node.RankLeft) + Size(node.RankRight) + 1;

    /// <summary>Splits into the calls before <paramref name="key"/> and the rest.</summary>
    private static (Call? Before, Call? After) Split(Call? node, Call key)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (CallOrder.Instance.Compare(node, key) < 0)
        {
            var (less, rest) = Split(node.RankRight, key);
            node.RankRight = less;
            Update(node);
            return (node, rest);
        }
        else
        {
            var (less, rest) = Split(node.RankLeft, key);
            node.RankLeft = rest;
            Update(node);
            return (less, node);
        }
    }

    /// <summary>Joins two treaps, every call of <paramref name="left"/> before every call of <paramref name="right"/>.</summary>
    private static Call? Merge(Call? left, Call? right)
    {
        if (left is null)
        {
            return right;
        }

        if (right is null)
        {
            return left;
        }

        if (left.RankPriority >= right.RankPriority)
        {
            left.RankRight = Merge(left.RankRight, right);
            Update(left);
            return left;
        }

        right.RankLeft = Merge(left, right.RankLeft);
        Update(right);
        return right;
    }

    private static Call? Remove(Call? node, Call call)
    {
        if (node is null)
        {
            return null;
        }

        if (ReferenceEquals(node, call))
        {
            return Merge(node.RankLeft, node.RankRight);
        }

        if (CallOrder.Instance.Compare(call, node) < 0)
        {
            node.RankLeft = Remove(node.RankLeft, call);
        }
        else
        {
            node.RankRight = Remove(node.RankRight, call);
        }

        Update(node);
        return node;
    }
}
