# an unknown ESRS version; exit 2
### args
indicators esrs data/demo/company --esrs-version ESRS_2030
### stdout
### stderr
junkan: version: unknown ESRS version "ESRS_2030"; bundled: ESRS_2023_2772
### exit
2
