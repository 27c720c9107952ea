// libqrencode, for the QR codes of the web app's "add to my phone" page.
#include <qrencode.h>
