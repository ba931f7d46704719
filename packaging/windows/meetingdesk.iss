; Inno Setup 6 script of the MeetingDesk installer for Windows 10/11 (x64). Compiled by
; tools\build_windows.ps1 after PyInstaller has built dist\MeetingDesk (packaging\meetingdesk.spec):
;
;   iscc /DAppVersion=0.1.0 /DBundleDir=C:\...\dist\MeetingDesk /DOutputDir=C:\...\dist packaging\windows\meetingdesk.iss
;
; It installs the bundle (meetingdesk-gui.exe, the window; meetingdesk.exe, the command line;
; _internal\), a Start-menu entry, optionally a desktop icon, and registers *.meetingdesk session
; files to open in the window (a double-click). Written on Linux and NOT TESTED on Windows.
; The wizard speaks Chinese when Inno Setup has ChineseSimplified.isl (in its Languages folder, or
; put beside this script), else English. This file is UTF-8 with a byte-order mark.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\MeetingDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppExe "meetingdesk-gui.exe"
#define ProgId "MeetingDesk.Session"

[Setup]
LicenseFile=..\..\COPYING
AppId={{8E6F0B7C-3D4A-4C1E-9B52-6A2D7F1C0E34}
AppName=MeetingDesk 大会秘书处工作程序
AppVersion={#AppVersion}
AppVerName=MeetingDesk {#AppVersion}
AppPublisher=MeetingDesk
DefaultDirName={autopf}\MeetingDesk
DefaultGroupName=MeetingDesk
DisableProgramGroupPage=yes
OutputDir={#OutputDir}
OutputBaseFilename=MeetingDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\meetingdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=MeetingDesk 大会秘书处工作程序
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
; a clerk without administrator rights may install for themselves only
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "{#AddBackslash(SourcePath)}ChineseSimplified.isl"
#elif FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
DesktopIcon=在桌面上创建快捷方式
IconGroup=快捷方式：
StartNow=现在启动 MeetingDesk
SessionFile=MeetingDesk 会议文件

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:IconGroup}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; the program's licence (GPL-3.0-or-later); the fonts' and data's own are in the bundle's resources
Source: "..\..\COPYING"; DestDir: "{app}"; DestName: "COPYING.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\MeetingDesk 大会秘书处工作程序"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\MeetingDesk 大会秘书处工作程序"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; *.meetingdesk → MeetingDesk.Session, opened by the window with the file (HKA: the machine's
; classes for an administrator's install, the user's own otherwise)
Root: HKA; Subkey: "Software\Classes\.meetingdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.meetingdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:SessionFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".meetingdesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program only: session files, their backups and the data folder
; (%APPDATA%\MeetingDesk: the demo, the log) stay.
