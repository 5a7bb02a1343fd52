@echo off
rem sqlite3j - the SQL shell for SQLite databases shared with Python (see "sqlite3j --help").
rem Runs ..\lib\sqlite3j.jar relative to this script. JAVA or JAVA_HOME picks the Java 17+ runtime;
rem SQLITE3J_JAVA_OPTS adds JVM options.
setlocal
set "SQLITE3J_HOME=%~dp0.."
if defined JAVA (
  set "SQLITE3J_JAVA=%JAVA%"
) else if defined JAVA_HOME (
  set "SQLITE3J_JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "SQLITE3J_JAVA=java"
)
"%SQLITE3J_JAVA%" %SQLITE3J_JAVA_OPTS% -jar "%SQLITE3J_HOME%\lib\sqlite3j.jar" %*
exit /b %ERRORLEVEL%
