using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>
/// Following the roster. At each hour where a pool's number changes, agents log in (lowest numbers first, or an agent
/// rostered off but still busy simply stays) or are rostered off: an idle agent logs out at once, one on a call when
/// it is done. When a pool closes (no agents rostered), its last agents stay until no caller is waiting anywhere, as a
/// center answers the callers already queued at closing time instead of leaving them on hold overnight.
/// </summary>
internal sealed partial class MonthDriver
{
    private async Task ChangeShiftAsync(int hour)
    {
        for (var p = 0; p < _poolDesktops.Length; p++)
        {
            var wanted = _roster.Agents(p, hour);
            var desktops = _poolDesktops[p];
            _closing[p] = wanted == 0;
            if (wanted > _active[p])
            {
                // Keep those rostered off but still here before calling in anyone new.
                for (var i = 0; i < desktops.Length && _active[p] < wanted; i++)
                {
                    if (desktops[i].Leaving)
                    {
                        desktops[i].Leaving = false;
                        _active[p]++;
                    }
                }

                for (var i = 0; i < desktops.Length && _active[p] < wanted; i++)
                {
                    if (desktops[i].State == DesktopState.LoggedOut)
                    {
                        // One at a time: the order agents become ready decides who takes the queued calls, and a
                        // seed should replay with the same agents answering the same calls.
                        LogIn(desktops[i]);
                        await ProcessInboxAsync();
                    }
                }
            }
            else if (wanted < _active[p])
            {
                // Idle agents go first (highest numbers), then those on a call, who leave when it is done.
                RosterOff(desktops, p, wanted, DesktopState.Idle);
                RosterOff(desktops, p, wanted, DesktopState.OnCall);
            }
        }
    }

    private void RosterOff(AgentDesktop[] desktops, int pool, int wanted, DesktopState state)
    {
        for (var i = desktops.Length - 1; i >= 0 && _active[pool] > wanted; i--)
        {
            var desktop = desktops[i];
            if (desktop.State != state || desktop.Leaving)
            {
                continue;
            }

            desktop.Leaving = true;
            _active[pool]--;
            if (state == DesktopState.Idle && !_closing[pool])
            {
                LogOut(desktop);
            }
        }
    }

    /// <summary>Logs out the last agents of closed pools once nobody waits. True when it sent anything.</summary>
    private bool LogOutClosingLeavers()
    {
        if (_book.Waiting > 0)
        {
            return false;
        }

        var sent = false;
        for (var p = 0; p < _poolDesktops.Length; p++)
        {
            if (!_closing[p])
            {
                continue;
            }

            foreach (var desktop in _poolDesktops[p])
            {
                if (desktop.Leaving && desktop.State == DesktopState.Idle)
                {
                    LogOut(desktop);
                    sent = true;
                }
            }
        }

        return sent;
    }

    private void LogIn(AgentDesktop desktop)
    {
        desktop.Open(_agentsClient);
        var login = new LoginCommand
        {
            AgentId = desktop.AgentId,
            Role = desktop.Clinical ? AgentRole.Clinician : AgentRole.NonClinical,
        };
        foreach (var skill in desktop.Spec.Skills)
        {
            login.Skills.Add(new AgentSkill { Name = skill.Name, Proficiency = skill.Proficiency });
        }

        desktop.Send(RpcKind.Login, new AgentSessionRequest { Login = login }, -1);
        desktop.Send(RpcKind.Ready, new AgentSessionRequest { Ready = new ReadyCommand() }, -1);
        desktop.State = DesktopState.Idle;
        desktop.Leaving = false;
        _active[desktop.Pool]++;
    }

    private void LogOut(AgentDesktop desktop)
    {
        desktop.Send(RpcKind.Logout, new AgentSessionRequest { Logout = new LogoutCommand() }, -1);
        if (!desktop.Leaving && desktop.State != DesktopState.LoggedOut)
        {
            _active[desktop.Pool]--;
        }

        desktop.State = DesktopState.LoggedOut;
        desktop.Leaving = false;
    }
}
