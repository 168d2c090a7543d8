using Routing.LoadTest.Erlang;
using Routing.LoadTest.Simulation;

namespace Routing.LoadTest.Staffing;

/// <summary>One forecast interval: its calls, the agents the model asks for, and what simulating that staffing gave.</summary>
internal sealed record StaffingInterval(
    int Interval,
    double Calls,
    double CallsPerHour,
    int Agents,
    QueuePrediction? Prediction,
    double? PredictedServiceLevelWithOneFewer,
    SimulationResult? Simulated);
