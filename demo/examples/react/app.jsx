// The React example: `npm install visio-elements react react-dom`, then these lines.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { VisioCall } from 'visio-elements/react';

function Call() {
  const [status, setStatus] = useState('idle');
  return (
    <>
      <VisioCall
        tokenEndpoint="/api/token"
        room="bureau-42"
        name="Camille Martin"
        onVisioStatusChanged={(e) => setStatus(e.detail.status)}
        onVisioError={(e) => console.warn(e.detail.code, e.detail.message)}
      />
      <p>Statut : {status}</p>
    </>
  );
}

createRoot(document.getElementById('root')).render(<Call />);
