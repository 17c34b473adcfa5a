@echo off
rem ish-cd: runs ish-cd.jar, found next to this script or in target\ beside it (after the build:
rem mvnw -B -DskipJenkinsPlugin -pl ish-cd-cli -am package -DskipTests). Uses %JAVA_HOME%\bin\java when set, else java on the PATH.
setlocal
set "JAR=%~dp0ish-cd.jar"
if not exist "%JAR%" set "JAR=%~dp0target\ish-cd.jar"
if not exist "%JAR%" (
  echo ish-cd: %~dp0target\ish-cd.jar does not exist: build it with mvnw -B -DskipJenkinsPlugin -pl ish-cd-cli -am package -DskipTests (from the repository root). 1>&2
  exit /b 2
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" %ISH_CD_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
