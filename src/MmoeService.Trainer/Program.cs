using MmoeService.Trainer;
using MmoeService.Trainer.Conflict;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Reproduction;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Simulation;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Hosting;

// dotnet run --project src/MmoeService.Trainer -c Release -- <command> [--Section:Key=value ...]
var (command, settings) = TrainerCommands.Split(args);
var builder = Host.CreateApplicationBuilder(settings);
builder.AddData();
builder.AddTraining();
builder.AddExport();
builder.AddJobs();
builder.AddSimulation();
builder.AddReproduction();
builder.AddConflictStudy();
return TrainerCommands.Run(builder, command);
