namespace Routing.Server.Simulation;

/// <summary>
/// Marks the state of a timer whose firing starts work the <see cref="SettleTracker"/> counts until it is done
/// (<see cref="WorkTicker"/>, <see cref="SettleTracker.DelayAsync"/>). The settle waits for that work itself, so an
/// instant at which only such timers fired needs no trip through the routing domain.
/// </summary>
internal interface IWorkTimerState;
