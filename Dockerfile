# syntax=docker/dockerfile:1
#
# MmoeService images, one Dockerfile, three targets:
#   docker build --target api-cpu -t mmoe-service:api-cpu .   ASP.NET Core 10 runtime (Ubuntu 24.04), ONNX Runtime on CPU
#   docker build --target api-gpu -t mmoe-service:api-gpu .   CUDA 13 + cuDNN 9 runtime (Ubuntu 24.04) + ASP.NET Core 10
#   docker build --target trainer -t mmoe-service:trainer .   .NET 10 runtime + TorchSharp/libtorch (CPU)
#
# The API images bake the committed default models into /app/models (the default Models:RepositoryRoot, resolved
# against the content root /app). Mount a repository over /app/models, or anywhere with Models__RepositoryRoot set,
# to replace them. Configuration comes from environment variables only (Section__Key=value).
# Every image runs as the non-root user 1654 with a read-only root filesystem in mind: the API writes only to
# /var/lib/mmoe (Storage__DataDirectory) and /tmp, the trainer only to its output repository (/models) and /tmp.

ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0-noble
# ONNX Runtime 1.31's CUDA provider links against libcublasLt.so.13 and libcudart.so.13: CUDA 13, cuDNN 9.
ARG CUDA_IMAGE=nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04

# ---------------------------------------------------------------------------------------------------------------
FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1

# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY src/MmoeService.Contracts/MmoeService.Contracts.csproj src/MmoeService.Contracts/
COPY src/MmoeService.Serving/MmoeService.Serving.csproj src/MmoeService.Serving/
COPY src/MmoeService.ExperimentPlatform/MmoeService.ExperimentPlatform.csproj src/MmoeService.ExperimentPlatform/
COPY src/MmoeService.Api/MmoeService.Api.csproj src/MmoeService.Api/
COPY src/MmoeService.Trainer/MmoeService.Trainer.csproj src/MmoeService.Trainer/
RUN dotnet restore src/MmoeService.Api/MmoeService.Api.csproj -r linux-x64 \
 && dotnet restore src/MmoeService.Trainer/MmoeService.Trainer.csproj -r linux-x64

COPY src/ src/
COPY models/ models/
# The Api project links ../../models into its publish output, so /out/api/models holds the default models.
RUN dotnet publish src/MmoeService.Api/MmoeService.Api.csproj -c Release -r linux-x64 --no-restore -o /out/api \
 && dotnet publish src/MmoeService.Trainer/MmoeService.Trainer.csproj -c Release -r linux-x64 --no-restore -o /out/trainer \
 && test -f /out/api/models/mmoe/1/model.onnx

# ---------------------------------------------------------------------------------------------------------------
FROM ${ASPNET_IMAGE} AS aspnet-runtime

# ---------------------------------------------------------------------------------------------------------------
# CPU API. The .NET images already define the non-root user `app` (APP_UID=1654) and ASPNETCORE_HTTP_PORTS=8080.
FROM ${ASPNET_IMAGE} AS api-cpu
WORKDIR /app
COPY --from=build /out/api/ /app/
COPY --chmod=0755 deploy/docker/healthcheck deploy/docker/seed-models /usr/local/bin/
RUN mkdir -p /var/lib/mmoe && chown "$APP_UID:$APP_UID" /var/lib/mmoe
# ORT_DISABLE_TELEMETRY: ONNX Runtime 1.31 sends usage telemetry from Linux too and tries to persist a device id
# under $HOME (which fails, with a warning, on a read-only root); a scoring service should do neither.
# DOTNET_TC_CallCountingDelayMs=0: the tiered JIT waits for 100 ms without new tier-0 compilation (1 s on one CPU)
# before it promotes hot methods, and a service taking traffic from its first second never gives it that pause;
# without the wait a fresh service scores at its steady rate from the start (bench/warmup, docs/performance.md).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1 \
    DOTNET_TC_CallCountingDelayMs=0 \
    ORT_DISABLE_TELEMETRY=1 \
    Inference__ExecutionProvider=Cpu \
    Storage__DataDirectory=/var/lib/mmoe
VOLUME ["/var/lib/mmoe"]
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/healthcheck", "/health/live"]
ENTRYPOINT ["dotnet", "/app/MmoeService.Api.dll"]

# ---------------------------------------------------------------------------------------------------------------
# GPU API: NVIDIA's CUDA 13 + cuDNN 9 runtime (which carries cuBLAS, cuFFT, cuRAND) plus the ASP.NET Core runtime
# copied from the official image. Inference:ExecutionProvider=Cuda makes the service refuse to start without a
# usable GPU instead of quietly scoring on CPU; set Inference__ExecutionProvider=Auto to allow the fallback.
FROM ${CUDA_IMAGE} AS api-gpu
ENV APP_UID=1654 \
    DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=1
# ASP.NET Core's native dependencies on Ubuntu 24.04 (libc6, libgcc-s1, libstdc++6 and zlib are in the base).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libicu74 libssl3t64 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid "$APP_UID" app \
 && useradd --uid "$APP_UID" --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app \
 && mkdir -p /var/lib/mmoe && chown "$APP_UID:$APP_UID" /var/lib/mmoe
COPY --from=aspnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /app
COPY --from=build /out/api/ /app/
COPY --chmod=0755 deploy/docker/healthcheck deploy/docker/seed-models /usr/local/bin/
# DOTNET_TC_CallCountingDelayMs=0 as in api-cpu.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_TC_CallCountingDelayMs=0 \
    ORT_DISABLE_TELEMETRY=1 \
    Inference__ExecutionProvider=Cuda \
    Storage__DataDirectory=/var/lib/mmoe
VOLUME ["/var/lib/mmoe"]
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/healthcheck", "/health/live"]
ENTRYPOINT ["dotnet", "/app/MmoeService.Api.dll"]

# ---------------------------------------------------------------------------------------------------------------
# Trainer: a run-to-completion job. TorchSharp's libLibTorchSharp.so needs GCC 13's libstdc++ (GLIBCXX_3.4.32),
# which Ubuntu 24.04 ships. It writes a new version into Output__Repository (a mounted volume) via a temp folder
# and a rename, so an API polling the same volume never sees half a version.
# It also carries the default models and seed-models, so a Job can seed an empty volume without pulling an API image.
FROM ${DOTNET_RUNTIME_IMAGE} AS trainer
WORKDIR /app
COPY --from=build /out/trainer/ /app/
COPY --from=build /out/api/models/ /app/default-models/
COPY --chmod=0755 deploy/docker/seed-models /usr/local/bin/
RUN mkdir -p /models && chown "$APP_UID:$APP_UID" /models
ENV DOTNET_NOLOGO=1 \
    Output__Repository=/models
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/MmoeService.Trainer.dll"]
CMD ["train"]
