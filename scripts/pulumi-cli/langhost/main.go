// Minimal Node.js language host for the Pulumi CLI ("pulumi-language-nodejs").
//
// Why this exists: scripts/pulumi-cli.sh builds the Pulumi CLI from the Go module proxy.
// The upstream language host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// has no version tags, so it can only be fetched by commit/pseudo-version, and the module proxy
// this project's machines can reach does not serve it (403 "This module version is not available").
// pulumi-cli.sh therefore tries the upstream module first and, when that fails, builds this file
// instead. It is this project's own code, written against the public gRPC contract in
// github.com/pulumi/pulumi/sdk/v3/proto/go (LanguageRuntimeServer), and does only what
// `pulumi preview/up/refresh/destroy` of a Node.js program needs:
//
//   - GetPluginInfo: reports the SDK version it was built against (-X main.version=...).
//   - GetRequiredPackages / GetRequiredPlugins: reports none (plugins are put on PATH by
//     pulumi-cli.sh; automatic plugin download is off for local use).
//   - Run: spawns `node <@pulumi/pulumi/cmd/run> --monitor ... <program>` in the program directory,
//     passing the stack config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS exactly as the
//     @pulumi/pulumi SDK expects, honours the Pulumi.yaml runtime options `typescript`,
//     `tsconfig` and `nodeargs`, and maps exit code 32 (error already reported) to "bail".
//   - About / GetProgramDependencies: minimal answers so `pulumi about` works.
//   - RunPlugin, for policy packs only (kind "analyzer"): `pulumi preview --policy-pack <dir>` with a
//     `runtime: nodejs` PulumiPolicy.yaml. The v3.248 engine (sdk/go/common/resource/plugin/analyzer_plugin.go,
//     NewPolicyAnalyzer) asks the language host to RunPlugin the pack whenever a `nodejs` language
//     plugin is found; it falls back to a `pulumi-analyzer-policy-nodejs` executable only when none is.
//     Like the upstream host (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, RunPlugin), it runs
//     `node @pulumi/pulumi/cmd/run-policy-pack <engine> <pack dir>` in the pack's folder behind the
//     SDK's PolicyProxy, which answers Handshake/ConfigureStack and passes the stack's config on.
//
// Everything else (pulumi new/install/convert/package gen, other plugins, debugging)
// answers Unimplemented: use an official Pulumi CLI build for those.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	pbempty "google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is set at link time to the @pulumi/pulumi SDK version (e.g. v3.248.0).
var version = "v0.0.0-dev"

// bailExitCode is what @pulumi/pulumi/cmd/run exits with after it has already reported the
// error to the engine (nodeJSProcessExitedAfterLoggingUserActionableMessage).
const bailExitCode = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	tracing       string
}

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "--version" || os.Args[1] == "-version") {
		fmt.Printf("%s (minimal pulumi-language-nodejs from pulumi-kore-campaigns scripts/pulumi-cli)\n", version)
		return
	}
	h := &host{}
	// The engine starts language hosts as: [--logtostderr] [-v=N] [--tracing URL] <engine address>.
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--tracing" || a == "-tracing":
			if i+1 < len(args) {
				h.tracing = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--tracing=") || strings.HasPrefix(a, "-tracing="):
			h.tracing = a[strings.Index(a, "=")+1:]
		case strings.HasPrefix(a, "-"):
			// --logtostderr, -v=N and anything newer: not needed here.
		default:
			h.engineAddress = a
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start gRPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: gRPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest, //nolint:staticcheck
) (*pulumirpc.GetRequiredPluginsResponse, error) { //nolint:staticcheck
	return &pulumirpc.GetRequiredPluginsResponse{}, nil //nolint:staticcheck
}

func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	resp := &pulumirpc.AboutResponse{Metadata: map[string]string{"languageHost": "minimal (scripts/pulumi-cli)"}}
	if node, err := exec.LookPath("node"); err == nil {
		resp.Executable = node
		if out, err := exec.Command(node, "--version").Output(); err == nil {
			resp.Version = strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
		}
	}
	return resp, nil
}

// programOptions reads the Pulumi.yaml `runtime.options` the engine forwards in ProgramInfo.
type programOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func readOptions(info *pulumirpc.ProgramInfo) programOptions {
	opts := programOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"].(bool); ok {
		opts.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok {
		opts.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok && strings.TrimSpace(v) != "" {
		opts.nodeargs = strings.Fields(v)
	}
	return opts
}

// findRunScript locates @pulumi/pulumi/cmd/run as the program itself would (node's resolver,
// starting in the program directory), falling back to walking up node_modules folders.
func findRunScript(nodeBin, dir string) (string, error) {
	if p := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); p != "" {
		return p, nil
	}
	cmd := exec.Command(nodeBin, "-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run'))")
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil && len(out) > 0 {
		return string(out), nil
	}
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("could not find @pulumi/pulumi/cmd/run from %s: "+
		"it looks like the Pulumi SDK has not been installed; run `npm install`", dir)
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, status.Errorf(codes.FailedPrecondition, "could not find node on the $PATH: %v", err)
	}
	info := req.GetInfo()
	pwd := req.GetPwd()
	if pwd == "" && info != nil {
		pwd = info.GetProgramDirectory()
	}
	if pwd == "" {
		pwd, _ = os.Getwd()
	}
	runPath, err := findRunScript(nodeBin, pwd)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts := readOptions(info)

	program := req.GetProgram()
	if info != nil && info.GetEntryPoint() != "" {
		program = info.GetEntryPoint()
	}
	if program == "" {
		program = "."
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k+"="+v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", pwd)
	if info != nil {
		add("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		add("parallel", fmt.Sprint(req.GetParallel()))
	}
	add("tracing", h.tracing)
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	env := os.Environ()
	env = append(env,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%t", opts.typescript),
	)
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = pwd
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// analyzerKind is RunPluginRequest.Kind for a policy pack (apitype.AnalyzerPlugin).
const analyzerKind = "analyzer"

// RunPlugin starts a Node.js policy pack (only that kind of plugin), as the upstream host does:
// `node <@pulumi/pulumi/cmd/run-policy-pack> [nodeargs] <args...> <pack dir>`, working directory the
// pack's folder, behind sdk.PolicyProxy (the engine talks to the proxy, which starts forwarding once
// the pack printed its port; the stack's config reaches the pack as PULUMI_CONFIG).
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() != analyzerKind {
		return status.Errorf(codes.Unimplemented,
			"the minimal pulumi-language-nodejs (scripts/pulumi-cli) runs only policy packs, not %q plugins", req.GetKind())
	}
	ctx := server.Context()
	info := req.GetInfo()
	if info == nil || info.GetProgramDirectory() == "" {
		return status.Error(codes.InvalidArgument, "RunPlugin: no policy pack directory")
	}
	packDir := info.GetProgramDirectory()
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	runPath, err := findModule(nodeBin, packDir, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	opts := readOptions(info)
	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	env = append(env, fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%t", opts.typescript))
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	// The engine reads the proxy's port from stdout, then sends ConfigureStack before anything else.
	proxy, stdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	config, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}
	if config != nil {
		add := func(k, v string) {
			if v != "" {
				env = append(env, k+"="+v)
			}
		}
		add("PULUMI_NODEJS_ORGANIZATION", config.Organization)
		add("PULUMI_NODEJS_PROJECT", config.Project)
		add("PULUMI_NODEJS_STACK", config.Stack)
		add("PULUMI_NODEJS_DRY_RUN", fmt.Sprint(config.DryRun))
		if config.Config != nil {
			configJSON, err := json.Marshal(config.Config)
			if err != nil {
				return fmt.Errorf("could not marshal stack configuration: %w", err)
			}
			add("PULUMI_CONFIG", string(configJSON))
		}
	}

	// For policy packs the pack directory comes last (after the engine address the engine passes).
	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	args = append(args, req.GetArgs()...)
	args = append(args, packDir)
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = packDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start the policy pack (node %s): %w", runPath, err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return fmt.Errorf("policy pack: %w", err)
	}
	return closer.Close()
}

// findModule resolves a module as node would from dir (the pack's own node_modules first).
func findModule(nodeBin, dir, module string) (string, error) {
	cmd := exec.Command(nodeBin, "-e", "process.stdout.write(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil && len(out) > 0 {
		return string(out), nil
	}
	return "", fmt.Errorf("could not find %s from %s: it looks like the policy pack's dependencies "+
		"are not installed; run `npm install`", module, dir)
}
