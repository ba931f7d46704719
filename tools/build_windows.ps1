<#
.SYNOPSIS
  Build MeetingDesk for Windows 10/11 (x64): the one-folder bundle and its installer.

.DESCRIPTION
  NOT TESTED: this script was written on Linux and has never been run on Windows (see README,
  "Windows"). It does on Windows what tools/build_deb does on Debian:

    1. .venv with the program and the PyInstaller pinned in pyproject.toml
       (pip install -e ".[package]"), made with the Python given (default: "py -3.11", else "python");
    2. PyInstaller over packaging\meetingdesk.spec (the spec the Linux build uses)
       -> OUTDIR\MeetingDesk\ with meetingdesk-gui.exe (the window, no console),
          meetingdesk.exe (the command line) and _internal\ (Python, Qt, the fonts,
          the stroke data, the demo seeds);
    3. a check that the bundle runs: meetingdesk.exe print --list, and the demo session
       written and its roster printed to OUTDIR\check\ as .pdf and .docx;
    4. Inno Setup 6 (ISCC.exe) over packaging\windows\meetingdesk.iss
       -> OUTDIR\MeetingDesk-<version>-setup.exe: Start-menu entry, optional desktop icon,
          *.meetingdesk opening in the window.

  Needs: 64-bit Python 3.11 or newer from python.org (with the "py" launcher), Inno Setup 6
  (https://jrsoftware.org/isinfo.php, or: winget install JRSoftware.InnoSetup), and the internet
  for pip the first time. Run from any folder:

    powershell -ExecutionPolicy Bypass -File tools\build_windows.ps1 [-OutDir dist] [-Python C:\...\python.exe] [-NoInstaller]

.PARAMETER OutDir
  Where the bundle and the installer go (default: dist, beside the repository's files).
.PARAMETER Python
  The python.exe to make .venv with (default: py -3.11, then py -3, then python).
.PARAMETER NoInstaller
  Stop after the bundle (no Inno Setup needed).
#>
param(
    [string]$OutDir = "dist",
    [string]$Python = "",
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
if (-not [System.IO.Path]::IsPathRooted($OutDir)) { $OutDir = Join-Path $Root $OutDir }
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null

function Invoke-Checked {
    # Run a program; stop the build when it fails (PowerShell does not, for programs).
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# 1. The virtual environment
$VenvPython = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) {
        Invoke-Checked $Python @("-m", "venv", ".venv")
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
        & py -3.11 -m venv .venv
        if ($LASTEXITCODE -ne 0) { Invoke-Checked "py" @("-3", "-m", "venv", ".venv") }
    } else {
        Invoke-Checked "python" @("-m", "venv", ".venv")
    }
}
Invoke-Checked $VenvPython @("-c", "import struct, sys; assert sys.version_info >= (3, 11) and struct.calcsize('P') == 8, 'needs 64-bit Python 3.11+'")
Invoke-Checked $VenvPython @("-m", "pip", "install", "-e", ".[package]")
$Version = (& $VenvPython -c "import meetingdesk; print(meetingdesk.__version__)").Trim()
Write-Host "MeetingDesk $Version"

# 2. The bundle
$Started = Get-Date
$Work = Join-Path $Root "build\pyinstaller"
Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean", "--workpath", $Work,
                             "--distpath", $OutDir, (Join-Path $Root "packaging\meetingdesk.spec"))
$Bundle = Join-Path $OutDir "MeetingDesk"
$Size = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum / 1MB))
Write-Host ("Bundle built in {0:N0} s: {1} ({2} MB)" -f ((Get-Date) - $Started).TotalSeconds, $Bundle, $Size)

# 3. It runs: the command line, a session and a paper in both formats
$Cli = Join-Path $Bundle "meetingdesk.exe"
$Check = Join-Path $OutDir "check"
if (Test-Path $Check) { Remove-Item -Recurse -Force $Check }
New-Item -ItemType Directory -Path $Check | Out-Null
Invoke-Checked $Cli @("print", "--list")
Invoke-Checked $Cli @("demo", (Join-Path $Check "demo.meetingdesk"))
Invoke-Checked $Cli @("print", "roster", (Join-Path $Check "demo.meetingdesk"), "-o", (Join-Path $Check "roster.pdf"))
Invoke-Checked $Cli @("print", "roster", (Join-Path $Check "demo.meetingdesk"), "-o", (Join-Path $Check "roster.docx"))
if ($NoInstaller) { exit 0 }

# 4. The installer
$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    foreach ($Candidate in @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
                             "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")) {
        if (Test-Path $Candidate) { $Iscc = $Candidate; break }
    }
}
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it (winget install JRSoftware.InnoSetup) or run with -NoInstaller" }
Invoke-Checked $Iscc @("/DAppVersion=$Version", "/DBundleDir=$Bundle", "/DOutputDir=$OutDir",
                       (Join-Path $Root "packaging\windows\meetingdesk.iss"))
Write-Host "Installer: $(Join-Path $OutDir "MeetingDesk-$Version-setup.exe")"
